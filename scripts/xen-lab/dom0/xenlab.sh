# shellcheck shell=bash
# Helpers for test scripts running in the lab's dom0; run.sh copies this file to <share>/lib/xenlab.sh.
# Source it from test.sh:   . "$XENLAB_SHARE/lib/xenlab.sh"
# Results go to <share>/results.txt (and stdout) as one line each:
#   XLRESULT <operation> rc=<rc> ms=<milliseconds>
#   XLCHECK <name> ok|FAIL [detail]
# xenlab_finish exits 1 if any operation or check failed, 0 otherwise.

XENLAB_RESULTS="${XENLAB_SHARE:-.}/results.txt"
XENLAB_FAILURES=0

xenlab_now_ms() { date +%s%3N; }

xenlab_record() { echo "$*" | tee -a "$XENLAB_RESULTS"; }

# Runs a command and records how long it took and how it ended; returns the command's status.
# Its output goes to <logs>/ops.log, not the console (xl is chatty).
xenlab_op() {
    local name="$1"; shift
    local t0 rc=0
    t0=$(xenlab_now_ms)
    echo "+ $*" >>"$XENLAB_LOGS/ops.log"
    "$@" >>"$XENLAB_LOGS/ops.log" 2>&1 || rc=$?
    xenlab_record "XLRESULT $name rc=$rc ms=$(($(xenlab_now_ms) - t0))"
    [ "$rc" -eq 0 ] || XENLAB_FAILURES=$((XENLAB_FAILURES + 1))
    return "$rc"
}

# Records a check: xenlab_check NAME DETAIL command...
xenlab_check() {
    local name="$1" detail="$2"; shift 2
    if "$@" >/dev/null 2>&1; then
        xenlab_record "XLCHECK $name ok $detail"
    else
        xenlab_record "XLCHECK $name FAIL $detail"
        XENLAB_FAILURES=$((XENLAB_FAILURES + 1))
        return 1
    fi
}

xenlab_console() { echo "$XENLAB_CONSOLES/guest-$1.log"; }

# Waits until a command succeeds, polling every 0.1 s: xenlab_wait_for TIMEOUT_SECONDS command...
xenlab_wait_for() {
    local timeout="$1" deadline; shift
    deadline=$(($(xenlab_now_ms) + timeout * 1000))
    until "$@"; do
        [ "$(xenlab_now_ms)" -lt "$deadline" ] || return 1
        sleep 0.1
    done
}

# The last tick the lab's guest printed (-1 if none yet).
xenlab_last_tick() {
    local n
    n=$(grep -ao 'XENLAB-TICK [0-9]*' "$(xenlab_console "$1")" 2>/dev/null | tail -n 1 | cut -d' ' -f2)
    echo "${n:--1}"
}

# The guest kernel's first report of trouble on its console (a trap, a panic): what explains a guest that
# stopped ticking. Prints nothing when there is none.
xenlab_guest_trouble() {
    grep -a -m 1 -E 'traps:|invalid opcode|Kernel panic' "$(xenlab_console "$1")" 2>/dev/null
}

# Waits until a guest's console has a line matching an extended regex.
xenlab_wait_console() {
    xenlab_wait_for "${3:-60}" grep -Eqs "$2" "$(xenlab_console "$1")"
}

# Types a word on a domain's console, as a user at it would (the domU's init acts on xenlab-panic,
# xenlab-reboot and xenlab-poweroff by itself): xenlab_tell DOM WORD.
xenlab_tell() {
    local id tty
    id=$(xl domid "$1") && tty=$(xenstore-read "/local/domain/$id/console/tty") && [ -n "$tty" ] || return 1
    printf '%s\n' "$2" >"$tty"
}

# True if no domain has this name.
xenlab_absent() { ! xl domid "$1" >/dev/null 2>&1; }

# Waits until a domain has disappeared. "xl shutdown -w" returns before the background xl process has
# torn the domain down, and a new domain of the same name cannot be created until it is gone.
xenlab_wait_gone() { xenlab_wait_for "${2:-60}" xenlab_absent "$1"; }

# The state column of "xl list" for a domain (r, b, p, s, c, d flags), or nothing.
xenlab_state() { xl list "$1" 2>/dev/null | awk 'NR == 2 { print $5 }'; }

# The memory column of "xl list" in MiB.
xenlab_memory() { xl list "$1" 2>/dev/null | awk 'NR == 2 { print $3 }'; }

xenlab_finish() {
    if [ "$XENLAB_FAILURES" -eq 0 ]; then
        xenlab_record "XLSUMMARY ok"
        exit 0
    fi
    xenlab_record "XLSUMMARY FAIL $XENLAB_FAILURES failure(s)"
    exit 1
}

# Domain XML for the lab's tiny guest (kernel and initrd copied to $XENLAB_SCRATCH), for SwiftVirt:
#   xenlab_guest_xml NAME [TYPE=xen|xenpvh] [VCPUS=2] [CPUSET]
# A PVH guest gets what nested SVM needs (a native TSC, no XSAVE: docs/xen-lab.md) and, like every HVM or
# PVH guest here, must keep off dom0's pCPU 0: give it CPUSET 1.
xenlab_guest_xml() {
    local name="$1" type="${2:-xen}" vcpus="${3:-2}" cpuset="${4:+ cpuset='$4'}" clock="<clock offset='utc'/>" extra=""
    if [ "$type" = xenpvh ]; then
        clock="<clock offset='utc'><timer name='tsc' mode='native'/></clock>"
        extra=" noxsave"
    fi
    cat <<XML
<domain type='xen'>
  <name>$name</name>
  <memory unit='MiB'>128</memory>
  <vcpu$cpuset>$vcpus</vcpu>
  <os>
    <type>$type</type>
    <kernel>$XENLAB_SCRATCH/vmlinux.gz</kernel>
    <initrd>$XENLAB_SCRATCH/initrd.gz</initrd>
    <cmdline>console=hvc0 loglevel=4$extra</cmdline>
  </os>
  $clock
</domain>
XML
}
