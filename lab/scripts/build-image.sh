#!/usr/bin/env bash
# Builds the lab's one image, localhost/plk-lab-node:bookworm-3, without a registry:
# debootstrap a minimal Debian bookworm from the machine's own apt mirror, then `podman import`.
# Idempotent: does nothing when the image exists (pass --force to rebuild). Run as root.
# Where a Docker engine and a registry are available, lab/Dockerfile builds the same image.
set -euo pipefail

IMAGE=localhost/plk-lab-node:bookworm-3
PACKAGES=openssh-server,openjdk-17-jre-headless,iproute2,procps,sudo,haproxy,ca-certificates,kcat,systemd,systemd-sysv

[ "$(id -u)" -eq 0 ] || { echo "build-image.sh: run as root" >&2; exit 2; }
if [ "${1:-}" != --force ] && podman image exists "$IMAGE"; then
  echo "$IMAGE exists; nothing to do (--force rebuilds)"
  exit 0
fi

# The mirror comes from this machine's apt configuration, never from a committed file.
mirror=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v -- '-security' | head -1 || true)
if [ -z "$mirror" ]; then
  mirror=$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}' | grep -v -- '-security' | head -1 || true)
fi
[ -n "$mirror" ] || { echo "build-image.sh: no Debian mirror found in /etc/apt/sources.list*" >&2; exit 1; }

command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }

rootfs=$(mktemp -d /var/tmp/plk-lab-rootfs.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT
start=$(date +%s)
echo "debootstrap bookworm ($PACKAGES) into $rootfs"
debootstrap --variant=minbase --include="$PACKAGES" bookworm "$rootfs" "$mirror" > "$rootfs.log" 2>&1 \
  || { tail -20 "$rootfs.log" >&2; echo "build-image.sh: debootstrap failed (full log $rootfs.log)" >&2; exit 1; }
rm -f "$rootfs.log"

# Trim what a container never needs; keep sshd from starting at install time in derived images.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
       "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/etc/ssh/ssh_host_*
mkdir -p "$rootfs/run/sshd"

# Broker containers may boot systemd (command /sbin/init), like an EC2 host: there the lab's sshd runs as
# a unit (its script comes with the container; the container's env reaches it), and the distribution's
# own ssh and haproxy units, which the lab does not use, stay off.
cat > "$rootfs/etc/systemd/system/lab-sshd.service" <<'UNIT'
[Unit]
Description=the lab's sshd (key and allowed source from the container's environment)
After=network.target
[Service]
ExecStart=/usr/local/sbin/lab-sshd
PassEnvironment=AUTHORIZED_KEY ALLOW_FROM
StandardOutput=journal+console
StandardError=journal+console
[Install]
WantedBy=multi-user.target
UNIT
ln -sf /etc/systemd/system/lab-sshd.service "$rootfs/etc/systemd/system/multi-user.target.wants/lab-sshd.service"
for unit in ssh.service ssh.socket haproxy.service getty@.service systemd-logind.service; do
  ln -sf /dev/null "$rootfs/etc/systemd/system/$unit"
done

tar -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$IMAGE" >/dev/null
echo "built $IMAGE in $(( $(date +%s) - start )) s ($(podman image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%d MB", $1/1000000}'))"
