#!/usr/bin/env bash
# xen:/// benchmark (not a test): in the nested Xen lab's dom0, the same PV guest and the same operations
# through xl (Xen's own toolstack: the floor), SwiftVirt's virsh (a process per operation, as xl is) and
# SwiftVirt's Swift API (one process, Benchmarks/XenBench). Prints medians in milliseconds and the ratios
# to xl (< 1: faster than xl). Timings are of QEMU TCG on this host: compare ratios, not absolute numbers.
# Usage: scripts/bench-xen.sh [runs]      (as root, like scripts/test-xen.sh; default 3 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
# shellcheck source=scripts/xen-lab/lib.sh
source scripts/xen-lab/lib.sh
runs=${1:-3}
[ "$(id -u)" -eq 0 ] || die "run as root: the lab's images are built with debootstrap"

scripts/xen-lab/build.sh >/dev/null
static=(-c release --static-swift-stdlib --scratch-path .build/xenlab)
swift build "${static[@]}" --product virsh >&2
swift build "${static[@]}" --product XenBench >&2
bin=$(swift build "${static[@]}" --show-bin-path)
share="$XENLAB/bench-xen"
rm -rf "$share" && mkdir -p "$share/bin"
# Stripped: dom0's /scratch (in its 512 MB) holds them next to a 130 MB save image.
strip -o "$share/bin/virsh" "$bin/virsh"
strip -o "$share/bin/XenBench" "$bin/XenBench"
sed "s/^RUNS=.*/RUNS=$runs/" Benchmarks/XenBench/dom0-bench.sh >"$share/test.sh"
scripts/xen-lab/run.sh "$share" 1800 >&2

if grep -q XLBENCH-FAIL "$share/bench.txt"; then
    echo "some operations failed (see $share/logs):" >&2
    grep XLBENCH-FAIL "$share/bench.txt" | sort | uniq -c >&2
fi
echo "xen:/// latency in the lab's dom0, median of $runs run(s) (pause/unpause: 3 per run), ms:"
awk '
    $1 == "XLBENCH" { key = $2 " " $3; n[key]++; v[key, n[key]] = $4; ops[$3] = 1 }
    function median(key,   i, j, t, m) {
        m = n[key]; if (m == 0) return -1
        for (i = 1; i <= m; i++) a[i] = v[key, i]
        for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
    }
    function ratio(x, floor) { return (x < 0 || floor <= 0) ? "-" : sprintf("%.2f", x / floor) }
    END {
        printf "%-10s %10s %10s %10s %12s %10s\n", "operation", "xl", "virsh", "virsh/xl", "Swift API", "API/xl"
        split("create list info pause unpause mem-set vcpu-pin vcpu-list save restore shutdown destroy", order, " ")
        for (i = 1; i in order; i++) {
            op = order[i]; x = median("xl " op); s = median("virsh " op); w = median("swift " op)
            printf "%-10s %10.1f %10.1f %10s %12.1f %10s\n", op, x, s, ratio(s, x), w, ratio(w, x)
        }
    }' "$share/bench.txt"
echo "(virsh and xl: one process per operation, start-up included; Swift API: calls in one process)"
