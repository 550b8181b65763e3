#!/bin/bash
# xen:/// in the lab's dom0 (run by scripts/xen-lab/run.sh; scripts/test-xen.sh prepares the share):
# SwiftVirt's three front ends on a real Xen 4.17, each in its own phase so that dom0's 320 MB /scratch
# holds one front end's binaries next to one save image at a time:
#   swift  - Tests/XenLab/XenScenario (the Swift API): Domain-0, a PV guest through every operation, PVH, define
#   capi   - Tests/XenLab/xen_capi.c against our libvirt.so: the seed C API, NULL domain = Domain-0
#   virsh  - our virsh, with xl cross-checking what Xen itself says (state, memory, pinning), then killed
#            mid-operation (kill-scenario.sh) with xl checking that what it lists is what runs
#   virtd  - our daemon serving xen:///system, Debian's virsh 9.0 (share's libvirt-root) taking the virsh
#            phase's steps through it (virtd-scenario.sh)
# Share: bin/{XenScenario,virsh,swiftvirt-watch,virtd,xen_capi,libxl_json}, lib/swift/ (libvirt.so + Swift
# runtime), libvirt-root/ (Debian's libvirt 9.0), goldens/ (what libvirt 9.0 emitted for the virsh steps).
set -u
# shellcheck source=scripts/xen-lab/dom0/xenlab.sh
. "$XENLAB_SHARE/lib/xenlab.sh"
export LIBVIRT_DEFAULT_URI=xen:///system
S=$XENLAB_SCRATCH
cp "$XENLAB_GUEST/vmlinux.gz" "$XENLAB_GUEST/initrd.gz" "$S/"
mkdir -p "$S/bin" "$XENLAB_SHARE/fixtures"

# The phases to run (scripts/test-xen.sh writes them: its arguments, or all of them).
phase() { grep -qw "$1" "$XENLAB_SHARE/phases"; }

# Appends a front end's own XLRESULT/XLCHECK lines to the results; fails the run if it failed.
front_end() {
    local name="$1"; shift
    local rc=0
    "$@" >"$XENLAB_LOGS/$name.out" 2>&1 || rc=$?
    grep -a '^XL' "$XENLAB_LOGS/$name.out" >>"$XENLAB_RESULTS"
    xenlab_record "XLRESULT $name rc=$rc ms=0"
    [ "$rc" -eq 0 ] || XENLAB_FAILURES=$((XENLAB_FAILURES + 1))
}

# True when SwiftVirt records no running domain (called through xenlab_check).
# shellcheck disable=SC2317
no_run_state() { ! compgen -G '/run/swiftvirt/xen/status/*' >/dev/null; }
# The lock files of domains and console sessions that are gone (all of them, by the end), one per line.
stale_locks() { compgen -G '/run/swiftvirt/xen/*.lock' | grep -Ev '/(driver|watcher)\.lock$'; }

# libxl's JSON through our shim, as the host-side tests' fixtures were recorded.
cp "$XENLAB_SHARE/bin/libxl_json" "$S/bin/"
xenlab_op libxl-json "$S/bin/libxl_json" physinfo

if phase swift; then
    echo "== swift API" >>"$XENLAB_LOGS/ops.log"
    cp "$XENLAB_SHARE/bin/XenScenario" "$S/bin/"
    front_end swift "$S/bin/XenScenario" "$S" "$XENLAB_CONSOLES"
    rm -f "$S/bin/XenScenario"
fi

if phase capi; then
    echo "== C API" >>"$XENLAB_LOGS/ops.log"
    cp -r "$XENLAB_SHARE/lib/swift" "$S/swiftlib"
    cp "$XENLAB_SHARE/bin/xen_capi" "$S/bin/"
    xenlab_guest_xml c-pv xen 2 >"$S/c-pv.xml"
    xenlab_guest_xml c-def xen 2 1 >"$S/c-def.xml"
    front_end capi env LD_LIBRARY_PATH="$S/swiftlib" "$S/bin/xen_capi" "$S/c-pv.xml" "$S/c-def.xml" "$S/c-pv.save" \
        "$(xenlab_console c-pv)"
    rm -rf "$S/swiftlib" "$S/bin/xen_capi"
fi

if phase virsh; then
    echo "== virsh" >>"$XENLAB_LOGS/ops.log"
    cp "$XENLAB_SHARE/bin/virsh" "$S/bin/"
    # The watcher beside virsh, which starts it when a domain runs. Only this phase has it: dom0's memory (its
    # /scratch is a tmpfs) holds one front end's binaries, a save image and the watcher, not more; the Swift
    # and C phases run without one and tend stopped guests at the next call, as before watchers existed.
    cp "$XENLAB_SHARE/bin/swiftvirt-watch" "$S/bin/"
    # shellcheck source=Tests/XenLab/virsh-scenario.sh
    . "$XENLAB_SHARE/virsh-scenario.sh"
    virsh_scenario
    # shellcheck source=Tests/XenLab/kill-scenario.sh
    . "$XENLAB_SHARE/kill-scenario.sh"
    kill_scenario
    rm -f "$S/bin/virsh" "$S/bin/swiftvirt-watch"
fi

if phase virtd; then
    echo "== virtd" >>"$XENLAB_LOGS/ops.log"
    # shellcheck source=scripts/xen-lab/dom0/libvirt-root.sh
    . "$XENLAB_SHARE/lib/libvirt-root.sh"
    # shellcheck source=Tests/XenLab/virsh-scenario.sh
    . "$XENLAB_SHARE/virsh-scenario.sh"
    # shellcheck source=Tests/XenLab/virtd-scenario.sh
    . "$XENLAB_SHARE/virtd-scenario.sh"
    virtd_scenario
fi

# Nothing may be left behind: only Domain-0 runs, SwiftVirt's state holds no running domain and no lock
# of a domain or console that is gone.
xenlab_check leftovers "$(xl list | awk 'NR > 1 { print $1 }' | paste -sd' ')" test "$(xl list | awk 'NR > 1' | wc -l)" -eq 1
xenlab_check no-run-state "$(compgen -G '/run/swiftvirt/xen/status/*' | paste -sd' ')" no_run_state
xenlab_check no-stale-locks "$(stale_locks | paste -sd' ')" test -z "$(stale_locks)"
cp /var/log/swiftvirt/xen/libxl-driver.log /var/log/swiftvirt/xen/watcher.log "$XENLAB_LOGS/" 2>/dev/null
xenlab_finish
