#!/usr/bin/env bash
# qemu:/// benchmark (not a test): the same tiny guest, the same operations, SwiftVirt's daemonless driver
# next to Debian's libvirt 9.0 QEMU driver (libvirtd, started here if it is not running). Prints medians in
# milliseconds and the ratio libvirt / SwiftVirt (> 1: SwiftVirt is faster), and each manager's peak memory.
# Usage: scripts/bench-qemu.sh [runs]      (root: libvirt's qemu:///system needs it)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
runs=${1:-5}
[ "$(id -u)" -eq 0 ] || { echo "bench-qemu.sh: run as root (libvirt's qemu:///system)" >&2; exit 1; }

eval "$(scripts/build-guest.sh)"
work=/var/lib/libvirt/images/swiftvirt-bench
mkdir -p "$work"
trap 'rm -rf "$work" /tmp/svb-root' EXIT
# libvirt runs QEMU as libvirt-qemu: give it readable copies of the guest.
cp "$kernel" "$work/vmlinuz"
cp "$initrd" "$work/initrd.img"
chmod 0644 "$work/vmlinuz" "$work/initrd.img"
cat >"$work/guest.xml" <<XML
<domain type='qemu'>
  <name>swiftvirt-bench</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$work/vmlinuz</kernel>
    <initrd>$work/initrd.img</initrd>
    <cmdline>console=ttyS0 panic=-1 quiet</cmdline>
  </os>
  <features><acpi/><apic/></features>
  <devices>
    <serial type='pty'/>
    <memballoon model='virtio'/>
  </devices>
</domain>
XML

# libvirt's QEMU driver logs through virtlogd.
pgrep -x virtlogd >/dev/null || virtlogd -d
if ! pgrep -x libvirtd >/dev/null; then
    libvirtd -d
    for _ in $(seq 1 50); do [ -S /var/run/libvirt/libvirt-sock ] && break; sleep 0.1; done
fi
daemon=$(pgrep -x libvirtd | head -1)

swift build -c release --product QEMUBench >/dev/null
.build/release/QEMUBench "qemu:///embed?root=/tmp/svb-root" "$work/guest.xml" "$work/swiftvirt.save" "$runs" >"$work/swiftvirt.txt"
/usr/bin/python3 Benchmarks/python/libvirt_qemu_bench.py qemu:///system "$work/guest.xml" "$work/libvirt.save" "$runs" "$daemon" >"$work/libvirt.txt"

printf '%-10s %14s %14s %8s\n' operation "SwiftVirt ms" "libvirt ms" "speedup"
for op in create suspend resume save restore shutdown destroy; do
    ours=$(awk -v op="$op" '$1 == op { print $2 }' "$work/swiftvirt.txt")
    theirs=$(awk -v op="$op" '$1 == op { print $2 }' "$work/libvirt.txt")
    ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { if (a > 0) printf "%.2fx", b / a; else print "-" }')
    printf '%-10s %14s %14s %8s\n' "$op" "$ours" "$theirs" "$ratio"
done
printf '%-10s %14s %14s\n' "peak RSS" "$(awk '$1 == "rss-kib" { print $2 " KiB" }' "$work/swiftvirt.txt")" \
    "$(awk '$1 == "rss-kib" { print $2 " KiB" }' "$work/libvirt.txt")"
echo "(SwiftVirt: the client process itself, no daemon; libvirt: libvirtd, besides its client)"
