#!/usr/bin/env bash
# Issue 9's benchmark: on fresh lab hosts each time, a cold apply of 3 combined nodes followed by a
# rolling restart under a continuous acks=all idempotent producer; counts how many runs ended with a
# healthy cluster (the roll exited 0, every voter caught up, 0 under-replicated partitions) and
# records the per-broker restart phases. Kafka 4.1.x RUNS times (default 10), then 3.7.1 RUNS_37
# times (default 3) for the side-by-side phases. Writes bench/KAFKA4-ROLL.md; raw output in
# bench/work/kafka4-roll/. About 2 minutes a run on 2 cores. Not part of `mvn verify`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${RUNS:-10}
RUNS_37=${RUNS_37:-3}
# shellcheck source=../lab/scripts/env.sh
source lab/scripts/env.sh
# shellcheck source=lib.sh
source bench/lib.sh
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- agent orchestrator templates || echo ' (uncommitted changes)')
current=$(sed -n 's:.*<kafka.current.version>\(.*\)</kafka.current.version>.*:\1:p' pom.xml)

if [ ! -f orchestrator/target/orchestrator.jar ] || [ ! -f lab/target/classpath.txt ]; then
  log "building (mvn package, tests skipped)"
  mvn -q -B -Dstyle.color=never package -DskipTests -DskipITs
fi
exec 9> /tmp/plk-lab.lock
log "waiting for /tmp/plk-lab.lock (other lab users)"
flock 9
OUT=$WORK/kafka4-roll
rm -rf "$OUT" && mkdir -p "$OUT"
KAFKA_TGZ_NAME=kafka_2.13-$current.tgz snapshot_build
cp kafka-dist/target/kafka_2.13-3.7.1.tgz "$DIST/"
trap 'lab_down bench-roll || true' EXIT
results=$OUT/results.tsv
: > "$results"

# in_broker N COMMAND: runs a shell line as ec2-user on broker N of the lab, with its Kafka on the path
in_broker() {
  podman exec -u ec2-user -w /home/ec2-user "bench-roll-broker-$1" bash -c "cd ~/kafka_2.13-* && $2"
}

one_run() {
  local version=$1 run=$2 inv=$WORK/bench-roll.yaml tag="$1-$2" healthy=yes bootstrap
  KAFKA_TGZ_NAME=kafka_2.13-$version.tgz lab_up bench-roll 3
  plk apply "$inv" > "$OUT/$tag-apply.txt" 2>&1 || healthy=no
  bootstrap=$(sed -n 's/.*host: \(10\.[0-9.]*\)}.*/\1:9092/p' "$inv" | head -1)
  in_broker 1 "setsid nohup java -Xmx128m -cp 'libs/*' org.apache.kafka.tools.ProducerPerformance --topic bench-roll \
      --num-records 100000000 --throughput 200 --record-size 100 --producer-props bootstrap.servers=$bootstrap \
      acks=all enable.idempotence=true delivery.timeout.ms=120000 > /tmp/producer.txt 2>&1 < /dev/null &"
  sleep 5
  plk rolling-restart "$inv" --gate-timeout 300 > "$OUT/$tag-roll.txt" 2>&1 || healthy=no
  in_broker 1 "pkill -f [t]ools.ProducerPerformance; sleep 1; cat /tmp/producer.txt" > "$OUT/$tag-producer.txt" 2>&1 || true
  in_broker 2 "bin/kafka-metadata-quorum.sh --bootstrap-server $bootstrap describe --replication" \
    > "$OUT/$tag-quorum.txt" 2>&1 || healthy=no
  in_broker 2 "bin/kafka-topics.sh --bootstrap-server $bootstrap --describe --under-replicated-partitions" \
    > "$OUT/$tag-urp.txt" 2>&1 || healthy=no
  # every voter: a log end within 50 of the leader's (the producer has stopped, so they converge)
  awk 'NR > 1 && $1 ~ /^[0-9]+$/ {print $3}' "$OUT/$tag-quorum.txt" | sort -n | awk 'NR == 1 {min = $1} {max = $1}
    END {exit !(NR == 3 && max - min <= 50)}' || healthy=no
  [ ! -s "$OUT/$tag-urp.txt" ] || healthy=no
  grep -h 'restarted {' "$OUT/$tag-roll.txt" | sed 's/.*\[broker \([0-9]*\).*restarted {\(.*\)}/\1 \2/' \
    | while read -r node phases; do printf '%s\t%s\t%s\t%s\n' "$version" "$run" "$node" "$phases" >> "$OUT/phases.tsv"; done
  printf '%s\t%s\t%s\t%s\n' "$version" "$run" "$healthy" "$(grep -c Exception "$OUT/$tag-producer.txt" || true) exceptions, $(grep -c 'records sent' "$OUT/$tag-producer.txt" || true) progress lines" >> "$results"
  log "Kafka $version run $run: healthy=$healthy"
  lab_down bench-roll
}

: > "$OUT/phases.tsv"
for ((r = 1; r <= RUNS; r++)); do one_run "$current" "$r"; done
for ((r = 1; r <= RUNS_37; r++)); do one_run 3.7.1 "$r"; done

{
  echo "# Cold apply + rolling restart under load, Kafka $current x $RUNS and 3.7.1 x $RUNS_37"
  echo
  echo "Written by \`bench/kafka4-roll.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit,"
  echo "$(nproc) cores. Each run: fresh lab hosts, \`apply\`, then \`rolling-restart\` while ProducerPerformance"
  echo "sends 200 msg/s (acks=all, idempotent) from broker 1. Healthy: the roll exited 0, all voters within 50"
  echo "offsets of each other after it, 0 under-replicated partitions."
  echo
  for v in "$current" 3.7.1; do
    total=$(awk -v v="$v" '$1 == v' "$results" | wc -l)
    ok=$(awk -v v="$v" '$1 == v && $3 == "yes"' "$results" | wc -l)
    echo "- Kafka $v: **$ok/$total healthy**"
  done
  echo
  echo "## Per-broker restart phases (ms): median (min-max) over all restarts"
  echo
  echo "| Kafka | waitCanRestart | stop | start-to-registered | catch-up |"
  echo "|---|---|---|---|---|"
  for v in "$current" 3.7.1; do
    row="| $v"
    for key in waitCanRestartMs stopMs startToRegisteredMs catchUpMs; do
      row+=" | $(awk -F'\t' -v v="$v" '$1 == v {print $4}' "$OUT/phases.tsv" | tr ',' '\n' \
        | sed -n "s/^ *$key=//p" | sort -n | awk '{a[NR] = $1} END {if (NR) printf "%d (%d-%d)", a[int((NR + 1) / 2)], a[1], a[NR]}')"
    done
    echo "$row |"
  done
  echo
  echo "## Runs"
  echo
  echo "| Kafka | run | healthy | producer output |"
  echo "|---|---|---|---|"
  awk -F'\t' '{printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4}' "$results"
} > bench/KAFKA4-ROLL.md
log "wrote bench/KAFKA4-ROLL.md"
