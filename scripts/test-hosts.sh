#!/usr/bin/env bash
# Test hosts on this machine: N network namespaces (svhost1..svhostN), each a "host" with its own address on
# a private bridge (10.251.0.N/24; this machine is 10.251.0.254) and its own virtd (own socket and state
# directories, listening on plain TCP 16509 with auth_tcp = "none" at its own address). The layout migration
# will use later; nothing outside this machine is ever reached.
#
#   scripts/test-hosts.sh up N DIR      build N hosts, state under DIR; prints one URI per host
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
    if ! ip link show "$bridge" >/dev/null 2>&1; then
        ip link add "$bridge" type bridge
        ip addr add 10.251.0.254/24 dev "$bridge"
        ip link set "$bridge" up
    fi
    for n in $(seq "$count"); do
        local ns="svhost$n" host="$dir/host$n"
        mkdir -p "$host"
        ip netns add "$ns"
        ip link add "svh$n" type veth peer name eth0 netns "$ns"
        ip link set "svh$n" master "$bridge" up
        ip -n "$ns" addr add "10.251.0.$n/24" dev eth0
        ip -n "$ns" link set eth0 up
        ip -n "$ns" link set lo up
        cat > "$host/virtd.conf" <<CONF
unix_sock_dir = "$host"
listen_tcp = 1
listen_tls = 0
listen_addr = "10.251.0.$n"
auth_tcp = "none"
CONF
        # Each host's qemu:///session state lives in its own directories.
        ip netns exec "$ns" env HOME="$host" XDG_CONFIG_HOME="$host/config" XDG_STATE_HOME="$host/state" \
            XDG_RUNTIME_DIR="$host/run" "$virtd" --listen -f "$host/virtd.conf" -p "$host/virtd.pid" -d
        echo "test+tcp://10.251.0.$n/default"
    done
}

down() {
    local dir=$1
    for pidfile in "$dir"/host*/virtd.pid; do
        [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    for ns in $(ip netns list | awk '/^svhost[0-9]+/ { print $1 }'); do
        ip netns pids "$ns" | xargs -r kill 2>/dev/null || true
        ip netns del "$ns"
    done
    ip link del "$bridge" 2>/dev/null || true
}

case "${1:-}" in
    up) up "${2:?count}" "${3:?directory}" ;;
    down) down "${2:?directory}" ;;
    *) echo "usage: $0 up N DIR | down DIR" >&2; exit 2 ;;
esac
