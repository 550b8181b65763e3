#!/usr/bin/env bash
# A host reached over ssh, for the ssh transport's tests: a private mount namespace in which /root, /run and
# /etc/passwd are its own, $VIRTD serving on libvirt's default sockets there (/run/libvirt), and OpenSSH's sshd
# on 127.0.0.1:PORT with its own host key, letting in one generated key. Sessions run in that namespace, so
# the far side finds that virtd where a real host's daemon would be; the machine's own daemons, its /run and
# root's real ~/.ssh are neither seen nor touched. DIR/ssh wraps the ssh client (for command=) so no
# known_hosts file is read or written; DIR/id is the client key (for keyfile=). Sessions get this script's
# PATH (~/.ssh/environment), which is how the far side finds swiftvirt-ssh-helper.
# sshd is Debian's (openssh-server), unpacked by scripts/setup.sh rather than installed, so that no ssh service
# is set up on the machine; its privilege separation user exists only in the namespace's /etc/passwd.
# Usage: VIRTD=/path/to/virtd scripts/test-ssh-host.sh up DIR PORT
#        scripts/test-ssh-host.sh down DIR
# Needs root, openssh-client, and sshd (SSHD, /usr/sbin/sshd or the one scripts/setup.sh unpacked).
set -euo pipefail

find_sshd() {
    local unpacked
    unpacked=$(ls -d "${XDG_CACHE_HOME:-$HOME/.cache}"/swiftvirt/openssh-server/*/usr/sbin/sshd 2>/dev/null | tail -n 1)
    for candidate in "${SSHD:-}" /usr/sbin/sshd "$unpacked"; do
        [ -n "$candidate" ] && [ -x "$candidate" ] && { echo "$candidate"; return 0; }
    done
    echo "no sshd: run scripts/setup.sh (it unpacks Debian's openssh-server) or set SSHD" >&2
    return 1
}

up() {
    local dir="$1" port="$2"
    mkdir -p "$dir/home/.ssh" "$dir/run"
    # A copy: the namespace's /root (where setup.sh's unpacked one may live) is not the host's.
    cp "$(find_sshd)" "$dir/sshd"
    chmod 700 "$dir/home" "$dir/home/.ssh"
    ssh-keygen -q -t ed25519 -N '' -f "$dir/id"
    cp "$dir/id.pub" "$dir/home/.ssh/authorized_keys"
    chmod 600 "$dir/home/.ssh/authorized_keys"
    echo "PATH=$PATH" >"$dir/home/.ssh/environment"
    ssh-keygen -q -t ed25519 -N '' -f "$dir/hostkey"
    { cat /etc/passwd; echo "sshd:x:65534:65534:sshd privilege separation:/run/sshd:/usr/sbin/nologin"; } >"$dir/passwd"
    cat >"$dir/sshd_config" <<CONFIG
ListenAddress 127.0.0.1:$port
HostKey $dir/hostkey
PidFile $dir/sshd.pid
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitUserEnvironment PATH
CONFIG
    cat >"$dir/ssh" <<'WRAPPER'
#!/bin/sh
exec ssh -F /dev/null -o UserKnownHostsFile=/dev/null -o GlobalKnownHostsFile=/dev/null -o LogLevel=ERROR "$@"
WRAPPER
    chmod +x "$dir/ssh"
    # shellcheck disable=SC2016
    setsid unshare --mount --propagation private sh -c '
        mount --bind "$0/home" /root && mount --bind "$0/passwd" /etc/passwd &&
            mount -t tmpfs -o mode=755 tmpfs /run && mkdir -p /run/libvirt /run/sshd &&
            mount --bind "$0/run" /run/libvirt || exit 1
        "$VIRTD" -p "$0/virtd.pid" >"$0/virtd.log" 2>&1 &
        exec "$1" -D -e -f "$0/sshd_config" 2>"$0/sshd.log"
    ' "$dir" "$dir/sshd" </dev/null >/dev/null 2>&1 &
    echo $! >"$dir/session.pid"
    for _ in $(seq 100); do
        if [ -S "$dir/run/libvirt-sock-ro" ] && grep -q "Server listening" "$dir/sshd.log" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "the ssh host did not come up: $(cat "$dir/virtd.log" "$dir/sshd.log" 2>/dev/null)" >&2
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
