#!/usr/bin/env bash
# Benchmark (not a test): virtd next to a fresh private libvirtd 9.0, both serving test:///default to the same
# load client (Benchmarks/c/rpc-load.c, linked to Debian's libvirt.so): calls per second at 1 and 16
# connections (lookup + get-info loops, every answer checked) and each daemon's resident memory after the load.
# Usage: scripts/bench-daemon.sh [SECONDS]   (default 5 per run; as root)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
seconds="${1:-5}"
work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

swift build -c release --product virtd >/dev/null
virtd="$(swift build -c release --show-bin-path)/virtd"
cc -O2 -Wall -Wextra -Werror -pthread Benchmarks/c/rpc-load.c -o "$work/rpc-load" $(env -u PKG_CONFIG_PATH pkg-config --cflags --libs libvirt)

# virtd, with its own socket directory.
mkdir -p "$work/virtd"
printf 'unix_sock_dir = "%s"\nmax_client_requests = 16\n' "$work/virtd" > "$work/virtd/virtd.conf"
"$virtd" -f "$work/virtd/virtd.conf" & pids+=($!)
virtd_pid=$!

. scripts/lib/private-libvirtd.sh
start_private_libvirtd "$work/libvirtd"
pids+=("$PRIVATE_LIBVIRTD_PID")
for _ in $(seq 100); do [ -S "$work/virtd/libvirt-sock" ] && break; sleep 0.1; done
libvirtd_pid="$(pgrep -f "libvirtd -f $work/libvirtd/libvirtd.conf" | head -1)"

rss() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; }
rate() { "$work/rpc-load" "test+unix:///default?socket=$work/$1/libvirt-sock" "$2" "$seconds" | awk '/calls_per_second/ { print $2 }'; }

printf '%-36s %12s %12s %8s\n' "test:///default, $seconds s per run" "virtd" "libvirtd" "ratio"
for connections in 1 16; do
    ours="$(rate virtd "$connections")"
    theirs="$(rate libvirtd "$connections")"
    printf '%-36s %12s %12s %7.2fx\n' "calls/s, $connections connection(s)" "$ours" "$theirs" "$(awk "BEGIN { print $ours / $theirs }")"
done
ours="$(rss "$virtd_pid")"
theirs="$(rss "$libvirtd_pid")"
printf '%-36s %12s %12s %7.2fx\n' "resident memory after the load, KiB" "$ours" "$theirs" "$(awk "BEGIN { print $ours / $theirs }")"
echo "(calls/s: higher is better, ratio = virtd / libvirtd; memory: lower is better)"
