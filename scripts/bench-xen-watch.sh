#!/usr/bin/env bash
# The watchers' cost on xen:/// (benchmark, not a test), in the nested Xen lab's dom0, side by side in one
# run: xl's per-domain background process, SwiftVirt's swiftvirt-watch and libvirt 9.0's libvirtd (libxl
# driver, run from scripts/xen-lab/build-libvirt-root.sh's root): how long after a guest powers off it is gone
# from Xen and its "Stopped Shutdown" event is out, and the memory of the watching with 1 and 3 guests
# (Benchmarks/XenBench/dom0-watch.sh says how each is measured). Timings are of QEMU TCG on this host:
# compare the columns, not the absolute numbers.
# Usage: scripts/bench-xen-watch.sh [runs]     (as root, like scripts/test-xen.sh; default 3 runs; ~6 min)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
# shellcheck source=scripts/xen-lab/lib.sh
source scripts/xen-lab/lib.sh
runs=${1:-3}
[ "$(id -u)" -eq 0 ] || die "run as root: the lab's images are built with debootstrap"

scripts/xen-lab/build.sh >/dev/null
root=$(scripts/xen-lab/build-libvirt-root.sh)
static=(-c release --static-swift-stdlib --scratch-path .build/xenlab)
swift build "${static[@]}" --product virsh >&2
swift build "${static[@]}" --product swiftvirt-watch >&2
bin=$(swift build "${static[@]}" --show-bin-path)
share="$XENLAB/bench-xen-watch"
rm -rf "$share" && mkdir -p "$share/bin"
strip -o "$share/bin/virsh" "$bin/virsh"
strip -o "$share/bin/swiftvirt-watch" "$bin/swiftvirt-watch"
cp -a "$root" "$share/libvirt-root"
sed "s/^RUNS=.*/RUNS=$runs/" Benchmarks/XenBench/dom0-watch.sh >"$share/test.sh"
scripts/xen-lab/run.sh "$share" 1200 >&2 || true
rm -rf "$share/libvirt-root"

if grep -q XLWATCH-FAIL "$share/bench.txt"; then
    echo "some steps failed (see $share/logs):" >&2
    grep XLWATCH-FAIL "$share/bench.txt" | sort | uniq -c >&2
fi
echo "watching guests on xen:/// in the lab's dom0 (release builds; median of $runs power-offs):"
awk '
    $1 == "XLWATCH" { key = $2 " " $3; n[key]++; v[key, n[key]] = $4 }
    function median(key,   i, j, t, m, a) {
        m = n[key]; if (m == 0) return "-"
        for (i = 1; i <= m; i++) a[i] = v[key, i]
        for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
    }
    function perdomain(tool,   a, b) {
        a = median(tool " rss1-kib"); b = median(tool " rss3-kib")
        return (a == "-" || b == "-") ? "-" : (b - a) / 2
    }
    END {
        printf "%-50s %10s %10s %10s\n", "", "xl", "SwiftVirt", "libvirt"
        printf "%-50s %10s %10s %10s\n", "power-off request to domain gone from Xen (ms)", median("xl gone-ms"), median("swiftvirt gone-ms"), median("libvirt gone-ms")
        printf "%-50s %10s %10s %10s\n", "power-off request to Stopped Shutdown event (ms)", "-", median("swiftvirt event-ms"), median("libvirt event-ms")
        printf "%-50s %10s %10s %10s\n", "memory watching 1 guest (KiB RSS)", median("xl rss1-kib"), median("swiftvirt rss1-kib"), median("libvirt rss1-kib")
        printf "%-50s %10s %10s %10s\n", "memory watching 3 guests (KiB RSS)", median("xl rss3-kib"), median("swiftvirt rss3-kib"), median("libvirt rss3-kib")
        printf "%-50s %10s %10s %10s\n", "memory per further guest (KiB RSS)", perdomain("xl"), perdomain("swiftvirt"), perdomain("libvirt")
    }' "$share/bench.txt"
echo "(xl: one background process per guest; SwiftVirt: one swiftvirt-watch per host; libvirt: libvirtd, which"
echo " is also its whole API server. xl has no events.)"
