#!/usr/bin/env bash
# The benchmarks of issue 6, one command from the repository root:
#
#   bench/run.sh            # about 20 minutes on 2 cores; writes bench/RESULTS.md
#
# Builds if needed, then, holding /tmp/plk-lab.lock for the whole run (no other lab competes for
# the CPU), runs on the local lab:
#   1. cold apply of 3 brokers (a fresh lab each run) and verify; the runbook baseline script likewise
#   2. no-op apply on the healthy cluster
#   3. rolling-restart of 3 brokers; the baseline's stop/start loop on its own cluster
#   4. plan on 3, 10 and 30 hosts (one lab; hosts beyond the lab's 9 added by bench/lib.sh)
#   5. bytes over the operator's link for 3 and 10 brokers (apply on 10 brokers of the same lab)
#   7. the Ansible baseline (bench/ansible, issue 12): cold apply of site.yml (a fresh lab each run),
#      no-op apply (site.yml again), rolling restart (roll.yml: serial 1, under-replicated check)
# RUNS_SLOW (default 3) and RUNS_FAST (default 5) set the number of runs. SKIP_FANOUT=1 skips 4 and 5
# (plan on 10/30 hosts, bytes on 10 brokers: about 6 minutes) when time is short. ansible-core is
# installed from Debian (apt-get, as root) when ansible-playbook is missing. Raw figures go to
# bench/work/raw.tsv, command outputs to bench/work/out/. Not part of `mvn verify`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS_SLOW=${RUNS_SLOW:-3}
RUNS_FAST=${RUNS_FAST:-5}
SKIP_FANOUT=${SKIP_FANOUT:-0}

# shellcheck source=../lab/scripts/env.sh
source lab/scripts/env.sh
# shellcheck source=lib.sh
source bench/lib.sh

if [ ! -f orchestrator/target/orchestrator.jar ] || [ ! -f lab/target/classpath.txt ] \
    || [ -n "$(find agent orchestrator lab templates kafka-dist -newer orchestrator/target/orchestrator.jar \
         -type f -not -path '*/target/*' -print -quit)" ]; then
  log "building (mvn package, tests skipped)"
  mvn -q -B -Dstyle.color=never package -DskipTests -DskipITs
fi

if ! command -v ansible-playbook > /dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "ansible-playbook missing: sudo apt-get install -y ansible-core" >&2; exit 1; }
  log "installing ansible-core (Debian)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ansible-core > /dev/null
fi
export ANSIBLE_CONFIG=$PWD/bench/ansible/ansible.cfg

exec 9> /tmp/plk-lab.lock
log "waiting for /tmp/plk-lab.lock (other lab users)"
flock 9
log "lock held"
socket=${DOCKER_HOST#unix://}
if ! curl -sf --max-time 2 --unix-socket "$socket" http://d/_ping > /dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || { echo "no container engine at $DOCKER_HOST: run sudo lab/scripts/podman-setup.sh" >&2; exit 1; }
  bash lab/scripts/podman-setup.sh > /dev/null
fi
if [ "$(id -u)" -eq 0 ]; then bash lab/scripts/build-image.sh > /dev/null; fi

mkdir -p "$WORK"
snapshot_build
OUT=$WORK/out
rm -rf "$OUT" && mkdir -p "$OUT"
: > "$RAW"
cleanup() { local lab; for lab in bench-3 bench-base bench-ans bench-fan; do lab_down "$lab" || true; done; }
trap cleanup EXIT
started=$(now_ms)
load0=$(cut -d' ' -f1-3 /proc/loadavg)
: > "$WORK/load.txt"

meta=$WORK/meta.tsv
{
  printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'machine\t%s cores (%s), %s GiB memory, kernel %s\n' "$(nproc)" \
    "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)" "$(free -g | awk '/^Mem:/ {print $2}')" "$(uname -r)"
  printf 'java\t%s\n' "$(java -version 2>&1 | head -1)"
  printf 'kafka\t%s (kafka-dist)\n' "${KAFKA_TGZ_NAME%.tgz}"
  printf 'commit\t%s%s\n' "$(git rev-parse --short HEAD)" "$(git diff --quiet HEAD -- agent orchestrator templates || echo ' (with uncommitted changes in agent/orchestrator)')"
  printf 'podman\t%s\n' "$(podman --version)"
  printf 'OpenSSH (baseline)\t%s\n' "$(ssh -V 2>&1)"
  printf 'Ansible (baseline)\t%s, %s\n' "$(ansible-playbook --version 2>&1 | sed -n 1p)" \
    "$(dpkg-query -W -f '${Package} ${Version}' ansible-core 2> /dev/null || echo 'not from Debian')"
  printf 'runs\t%s for cold apply, rolling restart and the baselines; %s for no-op apply and plan\n' "$RUNS_SLOW" "$RUNS_FAST"
} > "$meta"

# run OUTFILE COMMAND...: runs a command, output to OUTFILE; prints its wall time (ms); never fails
timed() {
  local out=$1 t0 rc=0; shift
  t0=$(now_ms)
  "$@" > "$out" 2>&1 || rc=$?
  cut -d' ' -f1 /proc/loadavg >> "$WORK/load.txt"
  echo "$(($(now_ms) - t0)) $rc"
}

# --- 1, 2, 3, 5 (3 brokers): the orchestrator -------------------------------------------------
inv=$WORK/bench-3.yaml
for ((r = 1; r <= RUNS_SLOW; r++)); do
  log "1. cold apply, run $r"
  lab_up bench-3 3
  rx0=$(link_rx bench-3)
  read -r wall rc < <(timed "$OUT/s1-apply-$r.txt" plk apply "$inv")
  [ "$rc" -eq 0 ] || { echo "cold apply failed, see $OUT/s1-apply-$r.txt" >&2; tail -20 "$OUT/s1-apply-$r.txt" >&2; exit 1; }
  record s1.wall_ms "$wall"
  record s5.3.link $(($(link_rx bench-3) - rx0))
  record s5.3.reported "$(sed -n "s/^bytes sent over the operator's link: //p" "$OUT/s1-apply-$r.txt")"
  record s5.artifacts "$(staged_bytes bench-3)"
  recap_tasks s1 "$OUT/s1-apply-$r.txt"
  record s1.outside_tasks_ms $((wall - $(task_sum "$OUT/s1-apply-$r.txt")))
  record s1.start_to_registered_max_ms "$(sed -n 's/.*registered and unfenced in \([0-9]*\) ms$/\1/p' \
    "$OUT/s1-apply-$r.txt" | sort -n | tail -1)"
  read -r wall rc < <(timed "$OUT/s1-verify-$r.txt" plk verify "$inv")
  record s1.verify_ms "$wall"
  record s1.verify_ok $((rc == 0 ? 1 : 0))
  if [ "$r" -lt "$RUNS_SLOW" ]; then lab_down bench-3; fi
done

for ((r = 1; r <= RUNS_FAST; r++)); do
  log "2. no-op apply, run $r"
  t0=$(now_ms)
  read -r wall rc < <(timed "$OUT/s2-apply-$r.txt" plk apply "$inv")
  [ "$rc" -eq 0 ] || { echo "no-op apply failed, see $OUT/s2-apply-$r.txt" >&2; exit 1; }
  record s2.wall_ms "$wall"
  record s2.connect_ms "$(connect_ms "$t0")"
  recap_tasks s2 "$OUT/s2-apply-$r.txt"
  record s2.outside_tasks_ms $((wall - $(task_sum "$OUT/s2-apply-$r.txt")))
  record s2.changed "$(grep -c '^changed:' "$OUT/s2-apply-$r.txt" || true)"
done

# phase FILE NAME: a rolling restart's phase NAME summed over the brokers (ms)
phase() { sed -n "s/.*restarted {.*$2=\([0-9]*\).*/\1/p" "$1" | awk '{s += $1} END {print s + 0}'; }
for ((r = 1; r <= RUNS_SLOW; r++)); do
  log "3. rolling restart, run $r"
  read -r wall rc < <(timed "$OUT/s3-roll-$r.txt" plk rolling-restart "$inv")
  [ "$rc" -eq 0 ] || { echo "rolling restart failed, see $OUT/s3-roll-$r.txt" >&2; exit 1; }
  record s3.wall_ms "$wall"
  f=$OUT/s3-roll-$r.txt
  wait_ms=$(phase "$f" waitCanRestartMs) stop_ms=$(phase "$f" stopMs) start_ms=$(phase "$f" startToRegisteredMs)
  catchup_ms=$(phase "$f" catchUpMs)
  record s3.wait_ms "$wait_ms"; record s3.stop_ms "$stop_ms"; record s3.start_ms "$start_ms"
  record s3.catchup_ms "$catchup_ms"
  record s3.rest_ms $((wall - wait_ms - stop_ms - start_ms - catchup_ms))
  overhead=$((wall - stop_ms - start_ms - catchup_ms))
  record s3.overhead_ms "$overhead"
  record s3.overhead_pct "$(awk -v o="$overhead" -v w="$wall" 'BEGIN {printf "%.1f", 100 * o / w}')"
done
lab_down bench-3

# --- 6: the runbook baseline (ssh -J / scp -J, sequential) ------------------------------------
binv=$WORK/bench-base.yaml
# sum_phase FILE PHASE: total ms of one phase over the brokers in a runbook.sh output
sum_phase() { awk -v p="$2" '$1 == p {s += $3} END {print s + 0}' "$1"; }
for ((r = 1; r <= RUNS_SLOW; r++)); do
  log "6. baseline install, run $r"
  lab_up bench-base 3
  plk render "$binv" --out "$WORK/bench-base/configs" > /dev/null
  rx0=$(link_rx bench-base)
  read -r wall rc < <(timed "$OUT/base1-$r.txt" timeout 600 bench/baseline/runbook.sh install "$binv" \
    "$WORK/bench-base/configs")
  [ "$rc" -eq 0 ] || { echo "baseline install failed, see $OUT/base1-$r.txt" >&2; exit 1; }
  record base1.wall_ms "$wall"
  record base5.3.link $(($(link_rx bench-base) - rx0))
  for p in copy untar configure format start wait_port; do record "base1.${p}_ms" "$(sum_phase "$OUT/base1-$r.txt" $p)"; done
  if [ "$r" -eq "$RUNS_SLOW" ]; then
    for ((q = 1; q <= RUNS_SLOW; q++)); do
      log "6. baseline rolling restart, run $q"
      read -r wall rc < <(timed "$OUT/base3-$q.txt" timeout 600 bench/baseline/runbook.sh roll "$binv")
      [ "$rc" -eq 0 ] || { echo "baseline roll failed, see $OUT/base3-$q.txt" >&2; exit 1; }
      record base3.wall_ms "$wall"
      for p in stop start_to_port; do record "base3.${p}_ms" "$(sum_phase "$OUT/base3-$q.txt" $p)"; done
    done
  fi
  lab_down bench-base
done

# --- 7: the Ansible baseline (bench/ansible: site.yml, roll.yml; ProxyCommand through the bastion)
ainv=$WORK/bench-ans.yaml
adir=$WORK/bench-ans/ansible
ansible_run() { ansible-playbook -i "$adir/hosts.yml" "bench/ansible/$1"; }
# recap_changed FILE: the sum of changed=N over the hosts of an ansible-playbook recap
recap_changed() { sed -n 's/.* changed=\([0-9]*\) .*/\1/p' "$1" | awk '{s += $1} END {print s + 0}'; }
for ((r = 1; r <= RUNS_SLOW; r++)); do
  log "7. Ansible cold apply, run $r"
  lab_up bench-ans 3
  # untimed host preparation: python3 for Ansible's modules (an EC2 image has it, the lab image not)
  bench/ansible/python.sh bench-ans "$WORK/ansible-cache" > "$OUT/ans-python-$r.txt" 2>&1
  bench/ansible/inventory.sh "$ainv" "$adir"
  rx0=$(link_rx bench-ans)
  read -r wall rc < <(timed "$OUT/ans1-$r.txt" ansible_run site.yml)
  [ "$rc" -eq 0 ] || { echo "Ansible cold apply failed, see $OUT/ans1-$r.txt" >&2; tail -30 "$OUT/ans1-$r.txt" >&2; exit 1; }
  record ans1.wall_ms "$wall"
  record ans5.3.link $(($(link_rx bench-ans) - rx0))
  recap_tasks ans1 "$OUT/ans1-$r.txt"
  if [ "$r" -eq 1 ]; then
    # the Jinja2 template must give what `render` gives the runbook baseline (comments aside)
    plk render "$ainv" --out "$WORK/bench-ans/configs" > /dev/null
    podman exec bench-ans-broker-1 cat /home/ec2-user/server.properties | grep -v '^#' > "$OUT/ans-config-1.txt"
    if diff <(grep -v '^#' "$WORK/bench-ans/configs/1.properties") "$OUT/ans-config-1.txt" > "$OUT/ans-config-diff.txt"; then
      record ans.config_same 1
    else
      record ans.config_same 0; log "note: Ansible's server.properties differs from render's, see $OUT/ans-config-diff.txt"
    fi
  fi
  if [ "$r" -eq "$RUNS_SLOW" ]; then
    # a replicated topic, so that the roll's under-replicated check has partitions to look at (untimed)
    ansible -i "$adir/hosts.yml" broker-1 -m ansible.builtin.command -a \
      "bin/kafka-topics.sh --bootstrap-server {{ ansible_host }}:9092 --create --topic bench --partitions 6 --replication-factor 3 chdir={{ home }}/{{ kafka_name }}" \
      > "$OUT/ans-topic.txt" 2>&1 || { echo "topic creation failed, see $OUT/ans-topic.txt" >&2; exit 1; }
    for ((q = 1; q <= RUNS_FAST; q++)); do
      log "7. Ansible no-op apply, run $q"
      read -r wall rc < <(timed "$OUT/ans2-$q.txt" ansible_run site.yml)
      [ "$rc" -eq 0 ] || { echo "Ansible no-op apply failed, see $OUT/ans2-$q.txt" >&2; exit 1; }
      record ans2.wall_ms "$wall"
      record ans2.changed "$(recap_changed "$OUT/ans2-$q.txt")"
      recap_tasks ans2 "$OUT/ans2-$q.txt"
    done
    for ((q = 1; q <= RUNS_SLOW; q++)); do
      log "7. Ansible rolling restart, run $q"
      read -r wall rc < <(timed "$OUT/ans3-$q.txt" ansible_run roll.yml)
      [ "$rc" -eq 0 ] || { echo "Ansible roll failed, see $OUT/ans3-$q.txt" >&2; tail -30 "$OUT/ans3-$q.txt" >&2; exit 1; }
      record ans3.wall_ms "$wall"
      recap_tasks ans3 "$OUT/ans3-$q.txt"
    done
  fi
  lab_down bench-ans
done

# --- 4 and 5 (10 brokers): fan-out on one lab grown to 30 hosts --------------------------------
# first the results so far, so that a run stopped during the fan-out still leaves them (marked partial)
{ cat "$meta"; printf 'partial\tthe run stopped before the fan-out (4) and the 10-broker bytes (5) finished\n'; } > "$WORK/meta-partial.tsv"
java bench/Results.java "$RAW" "$WORK/meta-partial.tsv" > bench/RESULTS.md
if [ "$SKIP_FANOUT" = 1 ]; then
  log "4. and 5. skipped (SKIP_FANOUT=1)"
  printf 'skipped\tfan-out (plan on 10/30 hosts) and bytes on 10 brokers: SKIP_FANOUT=1\n' >> "$meta"
else
log "4. fan-out lab"
lab_up bench-fan 3
for n in 3 10 30; do
  if [ "$n" -gt 3 ]; then add_hosts bench-fan $((prev + 1)) "$n"; fi
  prev=$n
  inventory_of bench-fan "$n" "$WORK/fan-$n.yaml"
  timed "$OUT/s4-plan-$n-warmup.txt" plk plan "$WORK/fan-$n.yaml" > /dev/null
  for ((r = 1; r <= RUNS_FAST; r++)); do
    log "4. plan on $n hosts, run $r"
    t0=$(now_ms)
    read -r wall rc < <(timed "$OUT/s4-plan-$n-$r.txt" plk plan "$WORK/fan-$n.yaml")
    [ "$rc" -eq 0 ] || { echo "plan failed, see $OUT/s4-plan-$n-$r.txt" >&2; exit 1; }
    record "s4.$n.wall_ms" "$wall"
    record "s4.$n.connect_ms" "$(connect_ms "$t0")"
  done
done

log "5. cold apply on 10 brokers (bytes)"
rx0=$(link_rx bench-fan)
read -r wall rc < <(timed "$OUT/s5-apply-10.txt" timeout 420 java -jar "$DIST/orchestrator.jar" apply "$WORK/fan-10.yaml")
record s5.10.link $(($(link_rx bench-fan) - rx0))
record s5.10.rc "$rc"
record s5.10.wall_ms "$wall"
reported=$(sed -n "s/^bytes sent over the operator's link: //p" "$OUT/s5-apply-10.txt")
if [ -n "$reported" ]; then record s5.10.reported "$reported"; fi
if [ "$rc" -ne 0 ]; then log "note: the 10-broker apply exited $rc; see $OUT/s5-apply-10.txt"; fi
lab_down bench-fan
fi

# the machine is shared (other builds may run beside the lab): the load it saw, for the reader to judge
{
  printf 'bench run\t%s min in all (labs included)\n' $((($(now_ms) - started) / 60000))
  printf 'load average\t%s at the start, %s at the end (1/5/15 min)\n' "$load0" "$(cut -d' ' -f1-3 /proc/loadavg)"
  sort -n "$WORK/load.txt" | awk '{v[NR] = $1} END {printf "load after each timed command\t1-min load average min %s, median %s, max %s over %d commands (2 cores)\n", v[1], v[int((NR + 1) / 2)], v[NR], NR}'
} >> "$meta"
java bench/Results.java "$RAW" "$meta" > bench/RESULTS.md
log "wrote bench/RESULTS.md"
