#!/usr/bin/env bash
# Test hosts on this machine: N network namespaces (svhost1..svhostN), each a "host" with its own address on
# a private bridge (10.251.0.N/24; this machine is 10.251.0.254) and its own virtd (own socket and state
# directories) listening at its own address on TLS 16514 with its own certificate from a test CA
# (scripts/make-test-pki.sh; clients use DIR/pki/client as pkipath) and on plain TCP 16509 (auth_tcp =
# "none"). The layout migration will use later; nothing outside this machine is ever reached.
#
#   scripts/test-hosts.sh up N DIR      build N hosts, state under DIR; prints one TLS URI per host
#   scripts/test-hosts.sh down DIR      stop their daemons and remove the namespaces and the bridge
#
# VIRTD (environment) names the virtd binary (default: .build/debug/virtd). As root.
set -euo pipefail
cd "$(dirname "$0")/.."
bridge=svbr0
virtd="${VIRTD:-$PWD/.build/debug/virtd}"

up() {
    local count=$1 dir=$2
    mkdir -p "$dir"
    [ -f "$dir/pki/ca/cacert.pem" ] || scripts/make-test-pki.sh "$dir/pki" >/dev/null
    if ! ip link show "$bridge" >/dev/null 2>&1; then
        ip link add "$bridge" type bridge
        ip addr add 10.251.0.254/24 dev "$bridge"
        ip link set "$bridge" up
    fi
    for n in $(seq "$count"); do
        local ns="svhost$n" host="$dir/host$n"
        mkdir -p "$host"
        ip netns add "$ns"
        # A pair left by an earlier run whose namespace the kernel has not finished destroying.
        ip link del "svh$n" 2>/dev/null || true
        ip link add "svh$n" type veth peer name eth0 netns "$ns"
        ip link set "svh$n" master "$bridge" up
        ip -n "$ns" addr add "10.251.0.$n/24" dev eth0
        ip -n "$ns" link set eth0 up
        ip -n "$ns" link set lo up
        scripts/make-test-pki.sh host "$dir/pki" "host$n" "10.251.0.$n" >/dev/null
        cat > "$host/virtd.conf" <<CONF
unix_sock_dir = "$host"
listen_tcp = 1
listen_tls = 1
listen_addr = "10.251.0.$n"
auth_tcp = "none"
key_file = "$dir/pki/hosts/host$n/serverkey.pem"
cert_file = "$dir/pki/hosts/host$n/servercert.pem"
ca_file = "$dir/pki/ca/cacert.pem"
CONF
        # Each host's qemu:///session state lives in its own directories.
        ip netns exec "$ns" env HOME="$host" XDG_CONFIG_HOME="$host/config" XDG_STATE_HOME="$host/state" \
            XDG_RUNTIME_DIR="$host/run" "$virtd" --listen -f "$host/virtd.conf" -p "$host/virtd.pid" -d
        echo "test+tls://10.251.0.$n/default?pkipath=$dir/pki/client"
    done
}

down() {
    local dir=$1
    for pidfile in "$dir"/host*/virtd.pid; do
        [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    for ns in $(ip netns list | awk '/^svhost[0-9]+/ { print $1 }'); do
        ip netns pids "$ns" | xargs -r kill 2>/dev/null || true
        # Deleting the root side destroys the pair now; a namespace itself is destroyed later by the kernel.
        ip link del "svh${ns#svhost}" 2>/dev/null || true
        ip netns del "$ns"
    done
    ip link del "$bridge" 2>/dev/null || true
}

case "${1:-}" in
    up) up "${2:?count}" "${3:?directory}" ;;
    down) down "${2:?directory}" ;;
    *) echo "usage: $0 up N DIR | down DIR" >&2; exit 2 ;;
esac
