#!/usr/bin/env bash
# Makes podman serve the Docker API at /run/podman/podman.sock for Testcontainers.
# Also installs curl (to probe the socket) and openssh-client (LabIT logs in with the real ssh).
# Idempotent; run as root. Afterwards: `source lab/scripts/env.sh`.
set -euo pipefail

SOCKET=/run/podman/podman.sock
PID_FILE=/run/podman/plk-service.pid
LOG_FILE=/var/log/plk-podman-service.log

[ "$(id -u)" -eq 0 ] || { echo "podman-setup.sh: run as root" >&2; exit 2; }

missing=()
for pkg in podman runc debootstrap curl openssh-client; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# crun (podman's default) fails on hybrid cgroups here; limits above the hard limits are refused.
cap() { local want=$1 hard=$2; if [ "$hard" = unlimited ] || [ "$want" -le "$hard" ]; then echo "$want"; else echo "$hard"; fi; }
nofile=$(cap 20000 "$(ulimit -Hn)")
nproc=$(cap 4000 "$(ulimit -Hu)")
mkdir -p /etc/containers
conf=$(cat <<CONF
# written by privatelink-kafka lab/scripts/podman-setup.sh
[containers]
default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=${nproc}:${nproc}"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
CONF
)
if [ "$(cat /etc/containers/containers.conf 2>/dev/null)" != "$conf" ]; then
  printf '%s\n' "$conf" > /etc/containers/containers.conf
  echo "wrote /etc/containers/containers.conf"
fi

answers() { curl -sf --max-time 2 --unix-socket "$SOCKET" http://d/_ping >/dev/null 2>&1; }

# A service started from a folder since deleted (a clone that CI removed) still answers, but conmon cannot
# start a container there ("Failed to get working directory"): restart it from /.
if [ -f "$PID_FILE" ] && readlink "/proc/$(cat "$PID_FILE")/cwd" 2>/dev/null | grep -q ' (deleted)$'; then
  echo "podman service (pid $(cat "$PID_FILE")) runs in a deleted folder, where no container starts: restarting it"
  kill "$(cat "$PID_FILE")"
  for _ in $(seq 1 20); do kill -0 "$(cat "$PID_FILE")" 2>/dev/null || break; sleep 0.5; done
  rm -f "$PID_FILE"
fi

if answers; then
  echo "podman API already answers at $SOCKET"
else
  mkdir -p /run/podman
  if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    echo "podman service (pid $(cat "$PID_FILE")) is running but not answering yet"
  else
    (cd / && exec setsid podman system service --time=0 "unix://$SOCKET" >>"$LOG_FILE" 2>&1 < /dev/null) &
    echo $! > "$PID_FILE"
    echo "started podman system service (pid $!, log $LOG_FILE)"
  fi
  for _ in $(seq 1 60); do answers && break; sleep 0.5; done
  answers || { echo "podman API did not answer at $SOCKET within 30 s; see $LOG_FILE" >&2; exit 1; }
  echo "podman API answers at $SOCKET"
fi

cat <<ENV
export DOCKER_HOST=unix://$SOCKET
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=localhost
(or: source lab/scripts/env.sh)
ENV
