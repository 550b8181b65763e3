#!/usr/bin/env bash
# The core benchmark (not a test): operations per second on test:///default in process, SwiftVirt's Swift API
# next to libvirt 9.0's C library, on the same machine, as a table with ratios (SwiftVirt / libvirt: > 1 is
# faster). Usage: scripts/bench-core.sh [iterations] [defined-domains]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
n=${1:-200000}
defined=${2:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift build -c release --product CoreBench >/dev/null
cc -O2 -o "$work/libvirt-core-bench" Benchmarks/c/libvirt-core-bench.c $(pkg-config --cflags --libs libvirt)
xml=Benchmarks/fixtures/full-domain.xml

.build/release/CoreBench "$n" "$defined" "$xml" >"$work/swiftvirt.txt"
"$work/libvirt-core-bench" "$n" "$defined" "$xml" >"$work/libvirt.txt"

printf '%-22s %16s %16s %8s\n' operation "SwiftVirt op/s" "libvirt op/s" ratio
while read -r op ours; do
    theirs=$(awk -v op="$op" '$1 == op { print $2 }' "$work/libvirt.txt")
    if [ -n "$theirs" ]; then
        ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", a / b }')
    else
        theirs="-"; ratio="-"
    fi
    printf '%-22s %16s %16s %8s\n' "$op" "$ours" "$theirs" "$ratio"
done <"$work/swiftvirt.txt"
