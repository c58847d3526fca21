#!/usr/bin/env bash
# The local lab: `lab.sh up` starts the bastion, brokers, load balancer and client containers and
# writes inventories/lab.yaml; `lab.sh down` removes them. Extra options go to LabMain, e.g.
#   lab/scripts/lab.sh up --brokers 3 --inventory inventories/lab.yaml
#   lab/scripts/lab.sh down --name kafka-lab
# As root it first makes sure podman serves the Docker API and the lab image exists.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

command=${1:-}
case "$command" in
  up|down) shift ;;
  *) echo "usage: lab/scripts/lab.sh up|down [options]" >&2; exit 2 ;;
esac

# shellcheck source=env.sh
source "$here/env.sh"
export TESTCONTAINERS_REUSE_ENABLE=true   # lets `up` leave its containers running after the JVM exits

socket=${DOCKER_HOST#unix://}
if ! curl -sf --max-time 2 --unix-socket "$socket" http://d/_ping >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    bash "$here/podman-setup.sh" >/dev/null
  else
    echo "no container engine answers at $DOCKER_HOST: run sudo lab/scripts/podman-setup.sh" >&2
    exit 1
  fi
fi
if [ "$command" = up ] && [ "$(id -u)" -eq 0 ]; then
  flock /tmp/plk-lab.lock bash "$here/build-image.sh"
fi

classpath_file=lab/target/classpath.txt
stamp=lab/target/lab-built.stamp
if [ ! -f "$classpath_file" ] || [ ! -f "$stamp" ] || [ -n "$(find lab/src lab/pom.xml -newer "$stamp" -print -quit)" ]; then
  echo "building the lab module"
  mvn -q -B -Dstyle.color=never -pl lab -am package -DskipTests
  touch "$stamp"
fi

exec flock /tmp/plk-lab.lock java -cp "lab/target/classes:$(cat "$classpath_file")" io.plk.lab.LabMain "$command" "$@"
