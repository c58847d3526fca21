#!/bin/bash
# Entry point of the lab's SSH hosts (bastion and brokers): an EC2-like ec2-user that logs in
# with the lab key only, then sshd in the foreground. Environment:
#   AUTHORIZED_KEY  the public key line for ~ec2-user/.ssh/authorized_keys (required)
#   ALLOW_FROM      when set, only ec2-user@ALLOW_FROM may log in (the brokers: the bastion's address)
set -euo pipefail
: "${AUTHORIZED_KEY:?AUTHORIZED_KEY is required}"

id ec2-user >/dev/null 2>&1 || useradd --create-home --home-dir /home/ec2-user --shell /bin/bash ec2-user
usermod --password '*' ec2-user   # no password, but not locked: key login only
echo 'ec2-user ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/ec2-user
chmod 0440 /etc/sudoers.d/ec2-user
install -d -m 0700 -o ec2-user -g ec2-user /home/ec2-user/.ssh
printf '%s\n' "$AUTHORIZED_KEY" > /home/ec2-user/.ssh/authorized_keys
chown ec2-user:ec2-user /home/ec2-user/.ssh/authorized_keys
chmod 0600 /home/ec2-user/.ssh/authorized_keys

{
  echo "PubkeyAuthentication yes"
  echo "PasswordAuthentication no"
  echo "KbdInteractiveAuthentication no"
  echo "PermitRootLogin no"
  echo "AllowTcpForwarding yes"   # as on EC2; the bastion needs it for ProxyJump
  if [ -n "${ALLOW_FROM:-}" ]; then echo "AllowUsers ec2-user@${ALLOW_FROM}"; fi
} > /etc/ssh/sshd_config.d/lab.conf

mkdir -p /run/sshd
ssh-keygen -A >/dev/null
exec /usr/sbin/sshd -D -e
