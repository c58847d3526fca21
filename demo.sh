#!/usr/bin/env bash
# The runbook, end to end, on the local lab: builds the tool, starts the lab (a bastion, three
# brokers without Kafka, HAProxy as the load balancer, a client standing for TiDB Cloud), then runs
# `apply` and `verify` on inventories/lab.yaml. `./demo.sh down` removes the lab.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [ "${1:-}" = down ]; then
  exec lab/scripts/lab.sh down
fi
if [ ! -f orchestrator/target/orchestrator.jar ] || [ -n "$(find agent orchestrator templates -newer orchestrator/target/orchestrator.jar -type f -not -path '*/target/*' -print -quit)" ]; then
  echo "building (mvn package, tests skipped; ./test.sh runs them)"
  mvn -q -B -Dstyle.color=never package -DskipTests -DskipITs
fi
lab/scripts/lab.sh up "$@"
java -jar orchestrator/target/orchestrator.jar apply inventories/lab.yaml
java -jar orchestrator/target/orchestrator.jar verify inventories/lab.yaml
java -jar orchestrator/target/orchestrator.jar status inventories/lab.yaml
