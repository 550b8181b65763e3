#!/usr/bin/env bash
# Records what Debian's libvirt 9.0 libxl driver emits on a real Xen 4.17 for the Xen lab's virsh phase:
# libvirtd and Debian's virsh run in the lab's dom0 (from the root scripts/xen-lab/build-libvirt-root.sh
# builds) and take the same steps as SwiftVirt's virsh does there (Tests/XenLab/virsh-scenario.sh); a
# `virsh event --all --loop` in another process writes the golden, which the lab's virsh phase then matches.
# Usage: scripts/xen-event-goldens.sh [OUT]     (as root; OUT: Tests/XenLab/goldens/virsh-events.txt)
# ~15 min, most of it TCG. The share (logs, libvirtd's own logs, results) stays in $XENLAB/record-libvirt.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/xen-lab/lib.sh
source scripts/xen-lab/lib.sh
require_root
OUT="${1:-Tests/XenLab/goldens/virsh-events.txt}"

scripts/xen-lab/build.sh >/dev/null
root=$(scripts/xen-lab/build-libvirt-root.sh)
share="$XENLAB/record-libvirt"
rm -rf "$share" && mkdir -p "$share"
# A copy, not links: libvirtd writes inside its root.
cp -a "$root" "$share/libvirt-root"
cp Tests/XenLab/record-libvirt.sh "$share/test.sh"
cp Tests/XenLab/virsh-scenario.sh "$share/"
cp -r Tests/XenLab/goldens "$share/"
status=0
scripts/xen-lab/run.sh "$share" "${XENLAB_TEST_TIMEOUT:-1500}" || status=$?
rm -rf "$share/libvirt-root"
# The scenario's checks are SwiftVirt's: where libvirt fails one, say so (its events check compares libvirt with
# the golden as SwiftVirt must match it, so it is left out).
grep -a '^XL' "$share/results.txt" | grep -Ev ' rc=0 | ok |^XLCHECK libvirt\.events |^XLSUMMARY' |
    sed 's/^/  not as in our run: /' >&2 || true
events=$(grep -a '^event ' "$share/logs/virsh-events.txt" || true)
[ -n "$events" ] || die "libvirt's virsh event printed nothing (run.sh status $status; see $share/logs)"
mkdir -p "$(dirname "$OUT")"
change="new"
[ ! -f "$OUT" ] || { [ "$events" = "$(cat "$OUT")" ] && change="unchanged" || change="changed"; }
echo "$events" >"$OUT"
say "wrote $OUT ($(wc -l <"$OUT") events, $change; logs in $share/logs)"
