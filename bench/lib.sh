# shellcheck shell=bash
# Helpers for bench/run.sh (sourced). Everything runs from the repository root and writes under
# bench/work/ (ignored by git). run.sh holds /tmp/plk-lab.lock for the whole run, so the lab is
# started here through LabMain directly: lab/scripts/lab.sh takes the same lock itself and would
# wait for us forever.

WORK=bench/work
DIST=$WORK/dist                 # snapshot of the built jars: other builds may clean target/ meanwhile
RAW=$WORK/raw.tsv               # one measurement per line: key <TAB> value
KAFKA_TGZ_NAME=kafka_2.13-3.7.1.tgz

now_ms() { date +%s%3N; }

# record KEY VALUE: appends one measurement
record() { printf '%s\t%s\n' "$1" "$2" >> "$RAW"; }

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Copies what the runs use out of target/, so a concurrent `mvn clean` cannot pull it away.
snapshot_build() {
  rm -rf "$DIST"
  mkdir -p "$DIST/lab-classes"
  cp orchestrator/target/orchestrator.jar "kafka-dist/target/$KAFKA_TGZ_NAME" "$DIST/"
  cp -r lab/target/classes/. "$DIST/lab-classes/"
  local entry cp=""
  IFS=: read -ra entries < lab/target/classpath.txt || true   # the file ends without a newline
  for entry in "${entries[@]}"; do
    case "$entry" in
      "$PWD"/*) cp "$entry" "$DIST/"; entry="$DIST/$(basename "$entry")" ;;
    esac
    cp+="${cp:+:}$entry"
  done
  printf '%s' "$cp" > "$DIST/lab-classpath.txt"
}

plk() { java -jar "$DIST/orchestrator.jar" "$@"; }

labmain() {
  TESTCONTAINERS_REUSE_ENABLE=true java -cp "$DIST/lab-classes:$(cat "$DIST/lab-classpath.txt")" \
    io.plk.lab.LabMain "$@"
}

# lab_up NAME BROKERS: starts a lab; its inventory is $WORK/NAME.yaml, its key under $WORK/NAME/
lab_up() {
  local name=$1 brokers=$2
  labmain down --name "$name" >/dev/null
  rm -rf "${WORK:?}/$name"
  labmain up --name "$name" --brokers "$brokers" --inventory "$WORK/$name.yaml" \
    --kafka-archive "$DIST/$KAFKA_TGZ_NAME" --work-dir "$WORK/$name" > "$WORK/$name.up.txt"
}

lab_down() { labmain down --name "$1" >/dev/null; }

# bastion_port NAME: the bastion's SSH port on 127.0.0.1, from the lab's inventory
bastion_port() { sed -n 's/.*bastion: {host: [^,]*, port: \([0-9]*\),.*/\1/p' "$WORK/$1.yaml"; }

container_ip() { podman inspect "$1" -f "{{(index .NetworkSettings.Networks \"$2\").IPAddress}}"; }

# link_rx NAME: bytes the bastion received on its public interface (the operator's link)
link_rx() {
  local mac
  mac=$(podman inspect "$1-bastion" -f "{{(index .NetworkSettings.Networks \"$1-public\").MacAddress}}")
  podman exec "$1-bastion" sh -c "for i in /sys/class/net/*; do
    if [ \"\$(cat \$i/address)\" = '$mac' ]; then cat \$i/statistics/rx_bytes; fi; done"
}

# staged_bytes NAME: total size of what apply staged on the bastion (agent.jar + Kafka archive)
staged_bytes() {
  podman exec "$1-bastion" sh -c 'cat /home/ec2-user/.plk/stage/* | wc -c'
}

# add_hosts NAME FROM TO: starts broker hosts FROM..TO beyond the lab's own (LabOptions allows at
# most 9), built like the lab's brokers: same image, labels, memory limit, VPC network, key, and
# sshd accepting ec2-user from the bastion's VPC address only. `lab down` removes them by label.
add_hosts() {
  local name=$1 from=$2 to=$3 i bastion_ip key
  bastion_ip=$(container_ip "$name-bastion" "$name-vpc")
  key=$(ssh-keygen -y -f "$WORK/$name/id_rsa.pem")
  for ((i = from; i <= to; i++)); do
    podman run -d --name "$name-broker-$i" --hostname "broker-$i" --network "$name-vpc" \
      --label "plk.lab=$name" --label "plk.lab.role=broker-$i" --memory 1g \
      -e "AUTHORIZED_KEY=$key" -e "ALLOW_FROM=$bastion_ip" \
      -v "$PWD/lab/src/main/resources/io/plk/lab/sshd-host.sh:/usr/local/sbin/lab-sshd:ro" \
      localhost/plk-lab-node:bookworm-3 bash /usr/local/sbin/lab-sshd > /dev/null || return 1
  done
  for ((i = from; i <= to; i++)); do
    local waited=0
    until podman logs "$name-broker-$i" 2>&1 | grep -q 'Server listening on 0.0.0.0 port 22'; do
      sleep 0.2; waited=$((waited + 1))
      if [ "$waited" -gt 300 ] || [ "$(podman inspect -f '{{.State.Running}}' "$name-broker-$i")" != true ]; then echo "host $name-broker-$i: sshd did not start" >&2; return 1; fi
    done
  done
}

# inventory_of NAME COUNT OUT: the lab's inventory with brokers 1..COUNT (the lab's own and added);
# nodes 1-3 keep the default roles (broker and controller: the 3 voters), the rest are brokers only
# (the inventory refuses an even or oversized quorum, e.g. 10 voters)
inventory_of() {
  local name=$1 count=$2 out=$3 i host roles
  sed '/^brokers:/q' "$WORK/$name.yaml" > "$out"
  for ((i = 1; i <= count; i++)); do
    host=$(container_ip "$name-broker-$i" "$name-vpc")
    roles=""
    if [ "$i" -gt 3 ]; then roles=", roles: [broker]"; fi
    printf '  - {nodeId: %d, azId: usw2-az%d, host: %s%s}\n' "$i" $(((i - 1) % 3 + 1)) "$host" "$roles" >> "$out"
  done
}

# recap_tasks PREFIX FILE: records each `task <name> <ms> ms` line of an apply recap as PREFIX.task.<name>
recap_tasks() {
  local prefix=$1 file=$2
  sed -n 's/^task \(.*[^ ]\) \{1,\}\([0-9]\{1,\}\) ms$/\1\t\2/p' "$file" | while IFS=$'\t' read -r task ms; do
    record "$prefix.task.$(printf '%s' "$task" | tr -cs 'a-zA-Z0-9' '_' | sed 's/_$//')" "$ms"
  done
}

# task_sum FILE: sum of the recap's task durations (ms)
task_sum() { sed -n 's/^task .* \([0-9]\{1,\}\) ms$/\1/p' "$1" | awk '{s += $1} END {print s + 0}'; }

# connect_ms START_MS: from process start to "Connected to bastion" in the newest run log
connect_ms() {
  local start=$1 logfile stamp
  logfile=$(ls -t "$HOME"/.plk/logs/*.log | head -1)
  stamp=$(grep -m1 'Connected to bastion' "$logfile" | cut -d' ' -f1)
  [ -n "$stamp" ] || { echo 0; return; }
  echo $(($(date -d "$(date +%F) $stamp" +%s%3N) - start))
}
