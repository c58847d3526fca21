#!/usr/bin/env bash
# Gives a lab's brokers python3, which Ansible's modules need on the managed host (an EC2 image has
# it; the lab image, built for the orchestrator's Java agent, has not). Untimed host preparation,
# done before the clock starts, like starting the lab itself:
#
#   bench/ansible/python.sh LAB_NAME CACHE_DIR
#
# The brokers have no route out, so the .deb files are fetched here once (apt resolves python3 against
# the lab image's own dpkg status, so only what the image lacks), kept in CACHE_DIR, then copied into
# each broker container with `podman cp` and installed with dpkg.
set -euo pipefail

name=$1 cache=$2
image=$(podman inspect -f '{{.ImageName}}' "$name-broker-1")
mkdir -p "$cache/debs/partial"
if ! ls "$cache"/debs/python3_*.deb > /dev/null 2>&1; then
  podman run --rm "$image" cat /var/lib/dpkg/status > "$cache/status"
  apt-get install -y --download-only -o Debug::NoLocking=1 -o Dir::State::status="$cache/status" \
    -o Dir::Cache::archives="$cache/debs" python3 > "$cache/apt.log" 2>&1 \
    || { cat "$cache/apt.log" >&2; exit 1; }
  ls "$cache"/debs/python3_*.deb > /dev/null || { echo "python3 was not downloaded" >&2; cat "$cache/apt.log" >&2; exit 1; }
fi
mapfile -t brokers < <(podman ps --filter "label=plk.lab=$name" --format '{{.Names}}' | grep -- "-broker-" | sort)
for c in "${brokers[@]}"; do
  podman exec "$c" mkdir -p /tmp/pydebs
  podman cp "$cache/debs/." "$c:/tmp/pydebs/"
done
for c in "${brokers[@]}"; do
  # python3-minimal pre-depends on python3.11-minimal: a second pass installs what the first deferred
  podman exec "$c" sh -c 'cd /tmp/pydebs && { dpkg -i ./*.deb > /tmp/pydebs.log 2>&1 \
    || dpkg -i python3-minimal_*.deb python3_*.deb >> /tmp/pydebs.log 2>&1; } && rm -rf /tmp/pydebs' &
done
wait
for c in "${brokers[@]}"; do
  podman exec "$c" /usr/bin/python3 -c 'import json, zipfile' \
    || { echo "python3 missing on $c" >&2; exit 1; }
done
