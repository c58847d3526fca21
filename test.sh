#!/usr/bin/env bash
# Runs every test: unit tests, the Kafka archive checks, the agent on a real 3-node KRaft cluster,
# AWS provisioning against moto_server, and the lab's end-to-end tests through the bastion.
# As root it first makes sure podman serves the Docker API and the lab image exists (idempotent).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [ "$(id -u)" -eq 0 ]; then
  bash lab/scripts/podman-setup.sh >/dev/null
  flock /tmp/plk-lab.lock bash lab/scripts/build-image.sh
fi
command -v moto_server >/dev/null || { echo "test.sh: moto_server (moto 5.2.x) is not on PATH; the AWS tests need it" >&2; exit 1; }
# shellcheck source=lab/scripts/env.sh
source lab/scripts/env.sh
# the lab's containers: one test run at a time on this machine
exec flock /tmp/plk-lab.lock mvn -B -Dstyle.color=never verify "$@"
