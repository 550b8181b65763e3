#!/bin/bash
# xen:/// benchmark in the lab's dom0 (run by scripts/bench-xen.sh): the same PV guest and the same
# operations through xl (the floor: Xen's own toolstack), our virsh (a process per operation, like xl)
# and the Swift API (XenBench, one process). Prints "XLBENCH <tool> <operation> <ms>" per sample.
# Shutdown is timed until the domain is gone, asking each tool: xl shutdown -w, then xl domid; virsh
# shutdown, then virsh domstate (SwiftVirt has no daemon: the asking tears the stopped domain down).
set -u
# shellcheck source=scripts/xen-lab/dom0/xenlab.sh
. "$XENLAB_SHARE/lib/xenlab.sh"
S=$XENLAB_SCRATCH
RUNS=${BENCH_RUNS:-3}
cp "$XENLAB_GUEST/vmlinux.gz" "$XENLAB_GUEST/initrd.gz" "$S/"
mkdir -p "$S/bin" && cp "$XENLAB_SHARE/bin/"* "$S/bin/"
out="$XENLAB_SHARE/bench.txt"
: >"$out"

# Guests keep off dom0's pCPU 0 (docs/xen-lab.md).
cat >"$S/xl.cfg" <<CFG
name = "bench-xl"
type = "pv"
kernel = "$S/vmlinux.gz"
ramdisk = "$S/initrd.gz"
extra = "console=hvc0 loglevel=4"
memory = 128
vcpus = 1
cpus = "1"
CFG
xenlab_guest_xml bench-virsh xen 1 1 >"$S/virsh.xml"
xenlab_guest_xml bench-swift xen 1 1 >"$S/swift.xml"

# sample TOOL OPERATION command...: times one run of the command.
sample() {
    local tool="$1" op="$2" t0; shift 2
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || echo "XLBENCH-FAIL $tool $op" >>"$out"
    echo "XLBENCH $tool $op $((($(date +%s%N) - t0) / 100000))" | awk '{ $4 = $4 / 10; print }' >>"$out"
}
ready_above() { [ "$(grep -ac XENLAB-GUEST-READY "$(xenlab_console "$1")")" -gt "$2" ]; }
virsh_gone() { ! "$S/bin/virsh" domstate "$1" >/dev/null 2>&1; }
xl_shutdown() { xl shutdown -w "$1" && xenlab_wait_for 60 xenlab_absent "$1"; }
virsh_shutdown() { "$S/bin/virsh" shutdown "$1" && xenlab_wait_for 60 virsh_gone "$1"; }

bench_tool() {   # TOOL NAME CREATE... (the rest of the operations follow each tool's syntax)
    local tool="$1" dom="$2" readies
    for _ in $(seq "$RUNS"); do
        readies=$(grep -ac XENLAB-GUEST-READY "$(xenlab_console "$dom")" 2>/dev/null || echo 0)
        if [ "$tool" = xl ]; then sample xl create xl create "$S/xl.cfg"; else sample virsh create "$S/bin/virsh" create "$S/virsh.xml"; fi
        xenlab_wait_for 120 ready_above "$dom" "$readies"
        if [ "$tool" = xl ]; then
            sample xl list xl list; sample xl info xl list "$dom"
            for _ in 1 2 3; do sample xl pause xl pause "$dom"; sample xl unpause xl unpause "$dom"; done
            sample xl mem-set xl mem-set "$dom" 96m; sample xl vcpu-pin xl vcpu-pin "$dom" 0 1
            sample xl vcpu-list xl vcpu-list "$dom"
            sample xl save xl save "$dom" "$S/bench.save"; sample xl restore xl restore "$S/bench.save"
            rm -f "$S/bench.save"
            sample xl shutdown xl_shutdown "$dom"
            xl create "$S/xl.cfg" >/dev/null 2>&1; sample xl destroy xl destroy "$dom"
        else
            local V="$S/bin/virsh"
            sample virsh list "$V" list; sample virsh info "$V" dominfo "$dom"
            for _ in 1 2 3; do sample virsh pause "$V" suspend "$dom"; sample virsh unpause "$V" resume "$dom"; done
            sample virsh mem-set "$V" setmem "$dom" 98304; sample virsh vcpu-pin "$V" vcpupin "$dom" 0 1
            sample virsh vcpu-list "$V" vcpuinfo "$dom"
            sample virsh save "$V" save "$dom" "$S/bench.save"; sample virsh restore "$V" restore "$S/bench.save"
            rm -f "$S/bench.save"
            sample virsh shutdown virsh_shutdown "$dom"
            "$V" create "$S/virsh.xml" >/dev/null 2>&1; sample virsh destroy "$V" destroy "$dom"
        fi
    done
}

export LIBVIRT_DEFAULT_URI=xen:///system
bench_tool xl bench-xl
bench_tool virsh bench-virsh
"$S/bin/XenBench" "$S/swift.xml" "$S/bench.save" "$(xenlab_console bench-swift)" "$RUNS" >>"$out" 2>>"$XENLAB_LOGS/xenbench.err"
xl list >>"$XENLAB_LOGS/ops.log"
echo "XLSUMMARY ok" >>"$XENLAB_RESULTS"
