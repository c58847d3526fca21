# Runs on a broker: fetch staged artifacts from the bastion's staging server over the private
# network, keep each only if its sha256 matches, skip files already present. Needs bash only
# (no curl): /dev/tcp and coreutils. Arguments: host port dir then name=sha256 pairs; the
# orchestrator puts token=<this apply's path token> in front of this script (never on a command line).
# A verified file gets a .<name>.sha256 marker, so later runs need not hash it again.
set -euo pipefail
host=$1 port=$2 dir=$3
shift 3
mkdir -p "$dir"
cd "$dir"
for pair in "$@"; do
  name=${pair%%=*} sha=${pair#*=}
  if [ -f "$name" ] && echo "$sha  $name" | sha256sum -c --status; then
    echo "$sha" > ".$name.sha256"
    echo "ok $name"
    continue
  fi
  exec 3<>"/dev/tcp/$host/$port"
  printf 'GET /%s/%s HTTP/1.0\r\nHost: %s\r\n\r\n' "$token" "$name" "$host" >&3
  IFS= read -r status <&3
  case "$status" in
    *" 200 "*) ;;
    *) echo "failed $name: bastion answered ${status%$'\r'}" >&2; exit 1 ;;
  esac
  while IFS= read -r header <&3 && [ "$header" != $'\r' ]; do :; done
  cat <&3 > "$name.part"
  exec 3<&-
  if ! echo "$sha  $name.part" | sha256sum -c --status; then
    echo "failed $name: sha256 mismatch after download" >&2
    rm -f "$name.part"
    exit 1
  fi
  mv -f "$name.part" "$name"
  echo "$sha" > ".$name.sha256"
  echo "changed $name"
done
