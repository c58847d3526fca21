#!/usr/bin/env bash
# The baseline: the runbook done by hand, as a plain script of `ssh -J` / `scp -J` steps, one broker
# after the other, no health gate. Used by bench/run.sh to compare against the orchestrator.
#
#   bench/baseline/runbook.sh install INVENTORY CONFIG_DIR   # copy, untar, configure, format, start
#   bench/baseline/runbook.sh roll INVENTORY                 # stop/start each broker, wait for its port
#
# INVENTORY is a lab inventory (bastion port, broker addresses, key and known_hosts are read from
# it); CONFIG_DIR holds <node.id>.properties as `orchestrator.jar render` writes them. Prints one
# line per phase and broker: `<phase> <node.id> <ms>`.
set -euo pipefail

command=$1 inventory=$2
dir=$(dirname "$inventory")
field() { sed -n "s/^  $1: \(.*\)$/\1/p" "$inventory"; }
key=$dir/$(field identityFile)
known_hosts=$dir/$(field knownHosts)
port=$(sed -n 's/.*bastion: {host: [^,]*, port: \([0-9]*\),.*/\1/p' "$inventory")
mapfile -t brokers < <(sed -n 's/.*nodeId: \([0-9]*\),.*host: \([0-9.]*\)}.*/\1 \2/p' "$inventory")

opts=(-i "$key" -o UserKnownHostsFile="$known_hosts" -o StrictHostKeyChecking=accept-new -o BatchMode=yes
      -o LogLevel=ERROR)
# ssh gives -F to the jump connection, not -i/-o: the jump host's settings come from this file
config=$(mktemp)
trap 'rm -f "$config"' EXIT
printf 'Host 127.0.0.1\n  IdentityFile %s\n  UserKnownHostsFile %s\n  StrictHostKeyChecking accept-new\n  BatchMode yes\n  LogLevel ERROR\n' \
  "$key" "$known_hosts" > "$config"
jump=ec2-user@127.0.0.1:$port
on() { local host=$1; shift; ssh -F "$config" "${opts[@]}" -J "$jump" "ec2-user@$host" "$@"; }
copy() { scp -q -F "$config" "${opts[@]}" -J "$jump" "$1" "ec2-user@$2:$3"; }

kafka_tgz=$dir/$(sed -n 's/^    archive: \(.*\)$/\1/p' "$inventory")
kafka=$(basename "$kafka_tgz" .tgz)
start_kafka="cd $kafka; setsid nohup java -Xmx256m -Dkafka.logs.dir=logs -Dlog4j.configuration=file:config/log4j.properties \
  -cp 'libs/*' kafka.Kafka ~/server.properties > ~/kafka.out 2>&1 < /dev/null &"
wait_port="until (exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null; do sleep 0.2; done"

phase_start=0
begin() { phase_start=$(date +%s%3N); }
done_() { echo "$1 $2 $(($(date +%s%3N) - phase_start))"; }

case "$command" in
  install)
    configs=$3
    cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
    for b in "${brokers[@]}"; do
      read -r id host <<< "$b"
      begin; copy "$kafka_tgz" "$host" "$kafka.tgz"; done_ copy "$id"
      begin; on "$host" "tar -xzf $kafka.tgz"; done_ untar "$id"
      begin; copy "$configs/$id.properties" "$host" server.properties; done_ configure "$id"
      begin; on "$host" "cd $kafka && java -cp 'libs/*' kafka.tools.StorageTool format -t $cluster_id \
        -c ~/server.properties > /dev/null 2>&1"; done_ format "$id"
      begin; on "$host" "$start_kafka"; done_ start "$id"
    done
    # a KRaft broker opens its port once a quorum of controllers is up: wait after starting them all
    for b in "${brokers[@]}"; do
      read -r id host <<< "$b"
      begin; on "$host" "$wait_port"; done_ wait_port "$id"
    done
    ;;
  roll)
    for b in "${brokers[@]}"; do
      read -r id host <<< "$b"
      begin; on "$host" "pkill -f 'kafka[.]Kafka'; while pgrep -f 'kafka[.]Kafka' > /dev/null; do sleep 0.2; done"
      done_ stop "$id"
      begin; on "$host" "$start_kafka"; on "$host" "$wait_port"; done_ start_to_port "$id"
    done
    ;;
  *) echo "usage: $0 install INVENTORY CONFIG_DIR | roll INVENTORY" >&2; exit 2 ;;
esac
