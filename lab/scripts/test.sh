#!/usr/bin/env bash
# Runs LabIT: prepares podman and the lab image (as root, idempotent), then the test under the
# machine-wide container lock. Extra arguments go to Maven.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/../.."

if [ "$(id -u)" -eq 0 ]; then
  bash "$here/podman-setup.sh" >/dev/null
  flock /tmp/plk-lab.lock bash "$here/build-image.sh"
fi
# shellcheck source=env.sh
source "$here/env.sh"
exec flock /tmp/plk-lab.lock mvn -B -Dstyle.color=never -pl lab -am verify \
  -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=LabIT -Dfailsafe.failIfNoSpecifiedTests=false "$@"
