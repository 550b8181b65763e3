#!/usr/bin/env bash
# Benchmark (not a test): SwiftVirt's remote driver as a client, next to Debian's libvirt.so client, both
# against one fresh private libvirtd 9.0 serving test:///default. The same load program
# (Benchmarks/c/rpc-load.c: lookup + get-info loops, every answer checked) is built against SwiftVirt's
# libvirt.so (whose remote driver speaks the protocol natively, no libvirt underneath) and against Debian's,
# then run at 1 and 16 connections.
# Usage: scripts/bench-remote.sh [SECONDS]   (default 5 per run; as root)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
seconds="${1:-5}"
work="$(mktemp -d)"
daemon=""
cleanup() {
    [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

ours="$(scripts/build-capi.sh release)"
cc -O2 -Wall -Wextra -Werror -pthread Benchmarks/c/rpc-load.c -o "$work/load-swiftvirt" \
    $(PKG_CONFIG_PATH="$ours" pkg-config --cflags --libs libvirt)
cc -O2 -Wall -Wextra -Werror -pthread Benchmarks/c/rpc-load.c -o "$work/load-libvirt" \
    $(env -u PKG_CONFIG_PATH pkg-config --cflags --libs libvirt)

. scripts/lib/private-libvirtd.sh
start_private_libvirtd "$work"
daemon=$PRIVATE_LIBVIRTD_PID

uri="test+unix:///default?socket=$work/libvirt-sock"
rate() { "$work/load-$1" "$uri" "$2" "$seconds" | awk '/calls_per_second/ { print $2 }'; }

printf '%-40s %12s %12s %8s\n' "client -> libvirtd 9.0, $seconds s per run" "SwiftVirt" "libvirt.so" "ratio"
for connections in 1 16; do
    swift="$(rate swiftvirt "$connections")"
    libvirt="$(rate libvirt "$connections")"
    printf '%-40s %12s %12s %7.2fx\n' "calls/s, $connections connection(s)" "$swift" "$libvirt" "$(awk "BEGIN { print $swift / $libvirt }")"
done
echo "(higher is better; ratio = SwiftVirt / libvirt.so)"
