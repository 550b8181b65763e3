#!/usr/bin/env bash
# Installs virtd as the host's libvirt daemon: the release binary at /usr/local/sbin/virtd (and the qemu:///
# watcher at /usr/local/libexec/swiftvirt/swiftvirt-watch, and swiftvirt-ssh-helper in /usr/local/bin, which
# DRIVER+ssh:// clients run on this host), the systemd units
# (virtd.service, virtd.socket, virtd-ro.socket) in /etc/systemd/system, and /etc/swiftvirt/virtd.conf if
# there is none yet. With systemd running it then replaces libvirtd's sockets with virtd's.
# Usage: scripts/install-virtd.sh [--no-start]   (as root)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
start=1
[ "${1:-}" = "--no-start" ] && start=0

swift build -c release --product virtd
swift build -c release --product swiftvirt-watch
swift build -c release --product swiftvirt-ssh-helper
bin=$(swift build -c release --show-bin-path)
install -m 0755 "$bin/virtd" /usr/local/sbin/virtd
# The qemu:/// watcher, which virtd (like any SwiftVirt client) starts when a domain runs.
install -d -m 0755 /usr/local/libexec/swiftvirt
install -m 0755 "$bin/swiftvirt-watch" /usr/local/libexec/swiftvirt/swiftvirt-watch
# The far side of ssh connections (found on PATH by the remote driver's command, as virt-ssh-helper is).
install -m 0755 "$bin/swiftvirt-ssh-helper" /usr/local/bin/swiftvirt-ssh-helper
install -m 0644 dist/systemd/virtd.service dist/systemd/virtd.socket dist/systemd/virtd-ro.socket /etc/systemd/system/
if [ ! -e /etc/swiftvirt/virtd.conf ]; then
    install -d -m 0755 /etc/swiftvirt
    cat > /etc/swiftvirt/virtd.conf <<CONF
# virtd reads libvirtd.conf's syntax and keys (libvirtd's documentation applies). Unknown keys are refused.
#unix_sock_dir = "/run/libvirt"
#unix_sock_group = "libvirt"
#unix_sock_rw_perms = "0700"
#unix_sock_ro_perms = "0777"
#max_clients = 5000
#max_client_requests = 5
#keepalive_interval = 5
#keepalive_count = 5
CONF
fi
echo "installed /usr/local/sbin/virtd, /usr/local/libexec/swiftvirt/swiftvirt-watch, /usr/local/bin/swiftvirt-ssh-helper, the units and /etc/swiftvirt/virtd.conf"

if [ "$start" = 1 ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    # Both daemons use /run/libvirt/libvirt-sock: libvirtd's units give way to virtd's.
    systemctl disable --now libvirtd.service libvirtd.socket libvirtd-ro.socket libvirtd-admin.socket 2>/dev/null || true
    systemctl enable --now virtd.socket virtd-ro.socket
    echo "virtd.socket and virtd-ro.socket are listening; the first client starts virtd"
elif [ "$start" = 1 ]; then
    echo "systemd is not running here: start it by hand with  virtd -d  (or  virtd -f FILE)"
fi
