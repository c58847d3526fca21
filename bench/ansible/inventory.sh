#!/usr/bin/env bash
# Writes an Ansible inventory for a lab, from the lab's own inventory (read at run time, as
# bench/baseline/runbook.sh reads it):
#
#   bench/ansible/inventory.sh LAB_INVENTORY OUT_DIR     # writes OUT_DIR/hosts.yml
#
# Brokers are reached through the bastion with ProxyCommand (`ssh -W`): the key stays on this
# machine, nothing is copied to the bastion. OUT_DIR also gets its own known_hosts (accept-new),
# the SSH control sockets, and the cluster id (made once per OUT_DIR, kept for later runs).
set -euo pipefail

inventory=$1 out=$2
dir=$(cd "$(dirname "$inventory")" && pwd)
mkdir -p "$out/cp"
out=$(cd "$out" && pwd)
field() { sed -n "s/^  $1: \(.*\)$/\1/p" "$inventory"; }
key=$dir/$(field identityFile)
user=$(field user)
port=$(sed -n 's/.*bastion: {host: [^,]*, port: \([0-9]*\),.*/\1/p' "$inventory")
bastion_host=$(sed -n 's/.*bastion: {host: \([^,]*\),.*/\1/p' "$inventory")
name=$(field name | head -1)
unique_name=$(field uniqueName)
first_port=$(field firstBrokerPort)
tgz=$dir/$(sed -n 's/^    archive: \(.*\)$/\1/p' "$inventory")
kafka=$(basename "$tgz" .tgz)
heap=$(field heap)
if grep -q 'mechanism: SCRAM-SHA-512' "$inventory"; then
  protocol=SASL_PLAINTEXT mechanism=SCRAM-SHA-512
elif grep -q 'mechanism: SCRAM-SHA-256' "$inventory"; then
  protocol=SASL_PLAINTEXT mechanism=SCRAM-SHA-256
else
  protocol=PLAINTEXT mechanism=""
fi
case "$kafka" in
  kafka_*-[0-3].*) log_opts="-Dlog4j.configuration=file:config/log4j.properties" ;;
  *) log_opts="-Dlog4j2.configurationFile=config/log4j2.yaml" ;;
esac
[ -s "$out/cluster_id" ] || head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' > "$out/cluster_id"
: > "$out/known_hosts"
ssh_opts="-o UserKnownHostsFile=$out/known_hosts -o StrictHostKeyChecking=accept-new -o BatchMode=yes"
proxy="ssh -W %h:%p -q -i $key $ssh_opts -p $port $user@$bastion_host"

{
  printf '# Written by bench/ansible/inventory.sh from %s\n' "$inventory"
  printf 'all:\n  children:\n    kafka:\n      hosts:\n'
  i=0
  while read -r id az host; do
    printf '        broker-%s: {ansible_host: %s, node_id: %s, az_id: %s, advertised_port: %s}\n' \
      "$id" "$host" "$id" "$az" $((first_port + i))
    i=$((i + 1))
  done < <(sed -n 's/.*nodeId: \([0-9]*\), azId: \([^,]*\), host: \([0-9.]*\)}.*/\1 \2 \3/p' "$inventory")
  printf '      vars:\n'
  printf '        ansible_user: %s\n' "$user"
  printf '        ansible_ssh_private_key_file: %s\n' "$key"
  printf '        ansible_ssh_common_args: "-o ProxyCommand='"'"'%s'"'"' %s"\n' "$proxy" "$ssh_opts"
  printf '        ansible_control_path_dir: %s/cp\n' "$out"
  printf '        cluster_name: %s\n' "$name"
  printf '        cluster_id: "%s"\n' "$(cat "$out/cluster_id")"
  printf '        unique_name: %s\n' "$unique_name"
  printf '        kafka_tgz: %s\n' "$tgz"
  printf '        kafka_name: %s\n' "$kafka"
  printf '        kafka_log_opts: "%s"\n' "$log_opts"
  printf '        heap: %s\n' "$heap"
  printf '        home: /home/%s\n' "$user"
  printf '        data_dir: /home/%s/data\n' "$user"
  printf '        internal_port: 9092\n        controller_port: 29092\n        external_port: 39092\n'
  printf '        external_protocol: %s\n' "$protocol"
  printf '        external_mechanism: "%s"\n' "$mechanism"
} > "$out/hosts.yml"
