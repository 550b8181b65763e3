#!/usr/bin/env bash
# A host reached over ssh, for the ssh transport's tests: a private mount namespace in which /root and
# /run/libvirt are directories of its own, $VIRTD serving on libvirt's default sockets there, and dropbear
# on 127.0.0.1:PORT letting in one generated key. Sessions run in that namespace, so the far side finds
# that virtd where a real host's daemon would be; the machine's own daemons and root's real ~/.ssh are
# neither seen nor touched. DIR/ssh wraps the ssh client (for command=) so no known_hosts file is read or
# written; DIR/id is the client key (for keyfile=). Sessions get this script's PATH (dropbear -e), which is
# how the far side finds swiftvirt-ssh-helper.
# Usage: VIRTD=/path/to/virtd scripts/test-ssh-host.sh up DIR PORT
#        scripts/test-ssh-host.sh down DIR
# Needs root, dropbear-bin and openssh-client.
set -euo pipefail

up() {
    local dir="$1" port="$2"
    mkdir -p "$dir/home/.ssh" "$dir/run" /run/libvirt
    chmod 700 "$dir/home" "$dir/home/.ssh"
    ssh-keygen -q -t ed25519 -N '' -f "$dir/id"
    cp "$dir/id.pub" "$dir/home/.ssh/authorized_keys"
    chmod 600 "$dir/home/.ssh/authorized_keys"
    dropbearkey -t ed25519 -f "$dir/hostkey" >/dev/null 2>&1
    cat >"$dir/ssh" <<'WRAPPER'
#!/bin/sh
exec ssh -F /dev/null -o UserKnownHostsFile=/dev/null -o GlobalKnownHostsFile=/dev/null -o LogLevel=ERROR "$@"
WRAPPER
    chmod +x "$dir/ssh"
    # shellcheck disable=SC2016
    setsid unshare --mount --propagation private sh -c '
        mount --bind "$0/home" /root && mount --bind "$0/run" /run/libvirt || exit 1
        "$VIRTD" -p "$0/virtd.pid" >"$0/virtd.log" 2>&1 &
        exec dropbear -F -E -e -s -j -k -r "$0/hostkey" -p "127.0.0.1:$1" -P "$0/dropbear.pid" 2>"$0/dropbear.log"
    ' "$dir" "$port" </dev/null >/dev/null 2>&1 &
    echo $! >"$dir/session.pid"
    for _ in $(seq 100); do
        if [ -S "$dir/run/libvirt-sock-ro" ] && [ -s "$dir/dropbear.pid" ]; then return 0; fi
        sleep 0.1
    done
    echo "the ssh host did not come up: $(cat "$dir/virtd.log" "$dir/dropbear.log" 2>/dev/null)" >&2
    down "$dir"
    return 1
}

down() {
    local dir="$1"
    [ -f "$dir/session.pid" ] || return 0
    kill -TERM -- "-$(cat "$dir/session.pid")" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 -- "-$(cat "$dir/session.pid")" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$(cat "$dir/session.pid")" 2>/dev/null || true
    rm -f "$dir/session.pid"
}

case "${1:-}" in
    up) up "$2" "$3" ;;
    down) down "$2" ;;
    *) echo "usage: $0 up DIR PORT | down DIR" >&2; exit 2 ;;
esac
