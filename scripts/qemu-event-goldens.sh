#!/bin/bash
# qemu-event-goldens.sh: records which domain events Debian's libvirt 9.0 QEMU driver
# emits for a fixed list of scenarios on a real QEMU guest (TCG), as printed by
# Debian's `virsh event --all --loop`, and writes one golden file per scenario.
#
# Usage: sudo scripts/qemu-event-goldens.sh [OUTDIR] [SCENARIO...]
#        OUTDIR defaults to Tests/VirtQEMUTests/Fixtures/events; with SCENARIO names
#        only those are recorded. OUTDIR/README.md documents every scenario's steps.
#        scripts/qemu-event-goldens.sh --normalize [FILE...]
#        prints event lines (FILEs or stdin) normalised for libvirt's known
#        nondeterminism (see README.md): compare two recordings by their normal forms.
#        QEG_KEEP=1 keeps the work directory (libvirtd.log, the raw timestamped event
#        output, the serial log); QEG_LOG_LEVEL / QEG_LOG_FILTERS set libvirtd's logging.
#
# Writes, per scenario:
#   <scenario>.events  the `virsh event` lines for domain swv-ev, in order
#   <scenario>.states  "<step>: <virsh domstate --reason swv-ev>" after every step
#   <scenario>.error   only when libvirt refused a step: the step and virsh's error text
#
# It never uses a system libvirtd: it starts its own /usr/sbin/libvirtd (Debian's
# libvirt 9.0) inside a private mount and network namespace (unshare -mn) with
# tmpfs over /run/libvirt, /var/lib/libvirt, /var/cache/libvirt and /var/log/libvirt,
# a private copy of /etc/libvirt bind-mounted over it (its qemu.conf runs QEMU as
# root with no security driver, cgroups, namespaces or virtlogd), and its own socket
# directory. However it ends it kills that libvirtd, QEMU and its watchers and
# unmounts everything (the namespace goes away with its last process).
#
# Synchronisation (what makes the recording repeatable):
#   - a background `virsh event --all --loop` is started per scenario;
#   - a "barrier" defines and undefines a second domain, swv-sync, and waits for its
#     two lifecycle events: libvirt queues all events of a connection in one ordered
#     queue, so every swv-ev event emitted before the barrier has then been printed.
#     swv-sync's lines are filtered out of the goldens;
#   - guest-dependent steps wait for SWIFTVIRT-GUEST-READY on the serial console file;
#   - after a guest-initiated action the script waits for the events that end it
#     (or, where nothing ends it, for 3 s with no new event).
# Needs: root, unshare, mount, ip, libvirt-daemon-system and libvirt-clients 9.0,
# qemu-system-x86 and scripts/build-guest.sh's requirements.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
all_scenarios="define-start-stop start-paused create-destroy save-restore reboot
guest-poweroff-destroy guest-poweroff-restart guest-poweroff-preserve
guest-reboot-restart guest-reboot-destroy
guest-panic-destroy guest-panic-restart guest-panic-preserve setmem"

die() {
    echo "qemu-event-goldens.sh: $*" >&2
    exit 1
}

# normalize: the comparison README.md describes for the known nondeterminism.
normalize() {
    awk '
    {
        line = $0
        if (held != "") {
            if (line !~ /: Crashed Panicked$/) print held
            held = ""
        }
        if (line ~ /^\t/) {
            # job-completed statistics: keep the names, and the values that do not vary
            if (line !~ /^\t(operation|data_total|data_remaining|memory_total|memory_remaining|memory_postcopy_requests|memory_page_size): /)
                sub(/: .*/, ": *", line)
            print line
            next
        }
        if (line ~ /: Suspended Paused$/) { held = line; in_reboots = 0; next }
        if (line ~ /^event .reboot. for domain/) { if (!in_reboots) print; in_reboots = 1; next }
        in_reboots = 0
        if (line ~ /^event .migration-iteration. / && line !~ /iteration: .1.$/) next
        print
    }
    END { if (held != "") print held }'
}
if [ "${1:-}" = --normalize ]; then
    shift
    cat "$@" | normalize
    exit
fi

if [ "${QEG_INNER:-}" != 1 ]; then
    # ---------------------------------------------------------------- outer part
    [ "$(id -u)" = 0 ] || die "must run as root (it mounts in a private namespace and runs libvirtd)"
    for tool in unshare mount ip virsh /usr/sbin/libvirtd /usr/bin/qemu-system-x86_64; do
        command -v "$tool" >/dev/null 2>&1 || die "'$tool' is missing"
    done
    outdir=${1:-$repo/Tests/VirtQEMUTests/Fixtures/events}
    [ $# -gt 0 ] && shift
    scenarios=${*:-$all_scenarios}
    for s in $scenarios; do
        case " $(echo $all_scenarios) " in *" $s "*) ;; *) die "unknown scenario '$s'" ;; esac
    done
    mkdir -p "$outdir"
    outdir=$(cd "$outdir" && pwd)
    guest=$("$here/build-guest.sh") || die "build-guest.sh failed"
    kernel=$(echo "$guest" | sed -n 's/^kernel=//p')
    initrd=$(echo "$guest" | sed -n 's/^initrd=//p')
    [ -f "$kernel" ] && [ -f "$initrd" ] || die "build-guest.sh gave no kernel/initrd"
    work=$(mktemp -d /tmp/qemu-event-goldens.XXXXXX)
    inner=
    cleanup_outer() {
        if [ -n "$inner" ]; then
            kill -TERM "$inner" 2>/dev/null || true
            wait "$inner" 2>/dev/null || true
        fi
        [ -n "${QEG_KEEP:-}" ] || rm -rf "$work"
    }
    trap cleanup_outer EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM HUP
    echo "qemu-event-goldens.sh: work directory $work, output $outdir"
    echo "qemu-event-goldens.sh: guest kernel=$kernel initrd=$initrd"
    QEG_INNER=1 QEG_WORK=$work QEG_KERNEL=$kernel QEG_INITRD=$initrd QEG_SCENARIOS="$scenarios" \
        unshare -mn --propagation private bash "$0" "$outdir" &
    inner=$!
    rc=0
    wait "$inner" || rc=$?
    inner=
    exit "$rc"
fi

# -------------------------------------------------------------------- inner part
# Runs as PID-owner of a private mount and network namespace.
outdir=$1
work=$QEG_WORK
kernel=$QEG_KERNEL
initrd=$QEG_INITRD
sock=$work/libvirt-sock
uri="qemu:///system?socket=$sock"
dom=swv-ev
serial=$work/serial.log
watcher_pid=

log() { echo "qemu-event-goldens.sh: $*"; }
v() { virsh -q -c "$uri" "$@"; }

. "$here/lib/qemu-libvirtd.sh"   # kill_wait, kill_qemus, qemu_libvirtd_start/stop
. "$here/lib/event-guest.sh"     # event_guest_xml, sync_domain_xml

cleanup_inner() {
    set +e
    [ -n "$watcher_pid" ] && kill_wait "$watcher_pid"
    qemu_libvirtd_stop
    log "stopped libvirtd and QEMU, unmounted"
}
trap cleanup_inner EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# ---- private libvirtd (scripts/lib/qemu-libvirtd.sh)
QEMU_LIBVIRTD_LOG_LEVEL=${QEG_LOG_LEVEL:-3} QEMU_LIBVIRTD_LOG_FILTERS=${QEG_LOG_FILTERS:-} \
    qemu_libvirtd_start "$work" || die "no private libvirtd"
[ "$QEMU_LIBVIRTD_URI" = "$uri" ] || die "unexpected libvirtd URI $QEMU_LIBVIRTD_URI"
log "private libvirtd $(v version --daemon | sed -n 's/^Running against daemon: *//p') (pid $QEMU_LIBVIRTD_PID), QEMU $(v version | sed -n 's/^Running hypervisor: QEMU *//p'), socket $sock"

# ---- domain XML
# $1 = file, $2 = on_poweroff, $3 = on_reboot, $4 = on_crash, $5 = extra kernel arguments
write_xml() { event_guest_xml "$1" "$dom" "$kernel" "$initrd" "$serial" "$2" "$3" "$4" "$5"; }
sync_domain_xml "$work/sync.xml"

# ---- helpers used by the scenarios
raw=     # the watcher's whole output for the current scenario
scn=     # the current scenario
failed=  # set once a step failed (the scenario then only cleans up)
barriers=0

count() { # $1 = file, $2 = fixed string: number of lines containing it
    local n
    n=$(grep -c -F -- "$2" "$1" 2>/dev/null) || true
    echo "${n:-0}"
}

# wait_for FILE STRING COUNT TIMEOUT: until FILE has COUNT lines containing STRING.
wait_for() {
    local deadline
    deadline=$(($(date +%s) + $4))
    while [ "$(count "$1" "$2")" -lt "$3" ]; do
        if [ "$(date +%s)" -ge "$deadline" ]; then
            log "$scn: timed out after $4 s waiting for $3 x '$2' in $(basename "$1")"
            return 1
        fi
        sleep 0.05
    done
}

# settle SECONDS MAX: until the watcher printed nothing for SECONDS (at most MAX s).
settle() {
    local last size quiet=0 deadline
    deadline=$(($(date +%s) + $2))
    last=$(wc -c <"$raw")
    while [ "$quiet" -lt $(($1 * 10)) ]; do
        [ "$(date +%s)" -ge "$deadline" ] && return 0
        sleep 0.1
        size=$(wc -c <"$raw")
        if [ "$size" = "$last" ]; then quiet=$((quiet + 1)); else quiet=0; last=$size; fi
    done
}

barrier() {
    barriers=$((barriers + 1))
    v define "$work/sync.xml" >/dev/null
    v undefine swv-sync >/dev/null
    wait_for "$raw" "for domain 'swv-sync': Undefined" "$barriers" 30 || die "$scn: barrier never arrived"
}

states() { # $1 = step name
    echo "$1: $(v domstate --reason "$dom" 2>&1 | sed '/^$/d' | tr '\n' ' ' | sed 's/ *$//')" >>"$outdir/$scn.states"
}

# step NAME VIRSH-ARGS...: runs a virsh command; on error records it in <scenario>.error.
step() {
    local name=$1 out
    shift
    [ -z "$failed" ] || return 1
    if out=$(v "$@" 2>&1); then
        log "$scn: $name"
        return 0
    fi
    failed=1
    log "$scn: $name FAILED: $out"
    printf 'step: %s\nvirsh %s\n%s\n' "$name" "$*" "$out" | sed "s|$work|WORK|g" >>"$outdir/$scn.error"
    return 1
}

wait_ready() { # $1 = number of READY markers the serial file must show
    [ -z "$failed" ] || return 1
    wait_for "$serial" SWIFTVIRT-GUEST-READY "$1" 120 || {
        failed=1
        printf 'guest never printed SWIFTVIRT-GUEST-READY %s time(s)\n' "$1" >>"$outdir/$scn.error"
        return 1
    }
}

now() { date +%s.%N | cut -c1-14; }
timings=$work/timings
# guest_action MODE: waits for the guest to act by itself (SWIFTVIRT-GUEST-ACT on its
# console), then for libvirt's first event after it, then per MODE:
#   a fixed string   until an event containing it arrives (e.g. Stopped)
#   quiet            until the watcher printed nothing for 3 s
#   first            nothing more (the caller waits for the guest instead)
# and logs how long libvirt took to produce its first event and to finish.
guest_action() {
    [ -z "$failed" ] || return 1
    local t0 t1 t2 before events
    events="for domain '$dom':"
    before=$(count "$raw" "for domain '$dom'")
    wait_for "$serial" SWIFTVIRT-GUEST-ACT 1 60 || { failed=1; echo "guest never acted" >>"$outdir/$scn.error"; return 1; }
    t0=$(now)
    # (events without details, e.g. "event 'reboot' for domain 'swv-ev'", have no colon)
    wait_for "$raw" "for domain '$dom'" $((before + 1)) 60 || true
    t1=$(now)
    case $1 in
    first) ;;
    quiet) settle 3 30 ;;
    *)
        before=$(count "$raw" "$events $1")
        [ "$before" -gt 0 ] || wait_for "$raw" "$events $1" 1 60 || true
        ;;
    esac
    t2=$(now)
    echo "$scn: guest acted -> first event after $(echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }') s, '$1' after $(echo "$t0 $t2" | awk '{ printf "%.2f", $2 - $1 }') s" | tee -a "$timings"
}

begin() { # $1 = scenario
    scn=$1
    failed=
    barriers=0
    raw=$work/$scn.raw
    rm -f "$outdir/$scn.events" "$outdir/$scn.states" "$outdir/$scn.error" "$serial" "$raw"
    : >"$outdir/$scn.states"
    log "=== $scn"
    virsh -c "$uri" event --all --loop --timestamp >"$raw" 2>&1 &
    watcher_pid=$!
    # The watcher is listening once a barrier's events reach it; define/undefine the
    # sync domain until they do. (virsh registers the lifecycle callback first and
    # the other event types right after: give it a moment for those.)
    local i
    for i in $(seq 100); do
        v define "$work/sync.xml" >/dev/null
        v undefine swv-sync >/dev/null
        sleep 0.1
        [ "$(count "$raw" "for domain 'swv-sync': Undefined")" -gt 0 ] && break
    done
    [ "$(count "$raw" "for domain 'swv-sync': Undefined")" -gt 0 ] || die "event watcher never started"
    sleep 0.5
    barriers=$(count "$raw" "for domain 'swv-sync': Undefined")
}

finish() {
    # Whatever happened, leave no swv-ev behind.
    v destroy "$dom" >/dev/null 2>&1 || true
    v undefine "$dom" >/dev/null 2>&1 || true
    barrier
    kill_wait "$watcher_pid"
    wait "$watcher_pid" 2>/dev/null || true
    watcher_pid=
    # The goldens are swv-ev's events without --timestamp's "YYYY-MM-DD HH:MM:SS.mmm+0000: "
    # prefix, each with the tab-indented detail lines virsh prints under some (job-completed).
    awk -v dom="$dom" '
        /^\t/ { if (keep) print; next }
        { keep = index($0, "for domain '\''" dom "'\''") > 0 }
        keep { sub(/^[0-9-]+ [0-9:.]+\+0000: /, ""); print }' "$raw" >"$outdir/$scn.events"
    [ -s "$outdir/$scn.states" ] || rm -f "$outdir/$scn.states"
    sed 's/^/    /' "$outdir/$scn.events"
    [ ! -f "$outdir/$scn.error" ] || { log "$scn: recorded a refusal:"; sed 's/^/    /' "$outdir/$scn.error"; }
}

# ---- scenarios (README.md in the output directory says the same in prose)
xml=$work/$dom.xml

sc_define_start_stop() {
    write_xml "$xml" destroy restart destroy ""
    step define define "$xml" && barrier && states define
    step start start "$dom" && wait_ready 1 && barrier && states start
    step suspend suspend "$dom" && barrier && states suspend
    step resume resume "$dom" && barrier && states resume
    step shutdown shutdown "$dom" && wait_for "$raw" "for domain '$dom': Stopped" 1 60 && barrier && states shutdown
    rm -f "$serial"
    step start start "$dom" && wait_ready 1 && barrier && states start
    step destroy destroy "$dom" && barrier && states destroy
    step undefine undefine "$dom" && barrier && states undefine
}

sc_start_paused() {
    write_xml "$xml" destroy restart destroy ""
    step define define "$xml" && barrier && states define
    step start-paused start --paused "$dom" && barrier && states start-paused
    step resume resume "$dom" && wait_ready 1 && barrier && states resume
    step destroy destroy "$dom" && barrier && states destroy
    step undefine undefine "$dom" && barrier && states undefine
}

sc_create_destroy() {
    write_xml "$xml" destroy restart destroy ""
    step create create "$xml" && wait_ready 1 && barrier && states create
    step destroy destroy "$dom" && barrier && states destroy
}

sc_save_restore() {
    write_xml "$xml" destroy restart destroy ""
    step define define "$xml" && barrier && states define
    step start start "$dom" && wait_ready 1 && barrier && states start
    step save save "$dom" "$work/swv-ev.save" && barrier && states save
    rm -f "$serial"
    step restore restore "$work/swv-ev.save" && wait_for "$serial" SWIFTVIRT-TICK 1 60 && barrier && states restore
    rm -f "$work/swv-ev.save"
    step destroy destroy "$dom" && barrier && states destroy
    step undefine undefine "$dom" && barrier && states undefine
}

sc_reboot() {
    write_xml "$xml" destroy restart destroy ""
    step define define "$xml" && barrier && states define
    step start start "$dom" && wait_ready 1 && barrier && states start
    step reboot reboot "$dom" && wait_ready 2 && barrier && states reboot
    step destroy destroy "$dom" && barrier && states destroy
    step undefine undefine "$dom" && barrier && states undefine
}

# guest_scenario ON_POWEROFF ON_REBOOT ON_CRASH ACTION EXPECT
#   EXPECT: stopped (wait for a Stopped event), restart (wait for the second READY),
#           or quiet (3 s with no event)
guest_scenario() {
    write_xml "$xml" "$1" "$2" "$3" "swiftvirt.after=1:$4"
    step define define "$xml" && barrier && states define
    step start start "$dom" && wait_ready 1 && barrier && states start
    case $5 in
    stopped) guest_action Stopped && barrier && states "guest-$4" ;;
    restart) guest_action first && wait_ready 2 && barrier && states "guest-$4" ;;
    quiet) guest_action quiet && barrier && states "guest-$4" ;;
    esac
    if [ -z "$failed" ] && v domid "$dom" >/dev/null 2>&1 && [ "$(v domid "$dom")" != - ]; then
        step destroy destroy "$dom" && barrier && states destroy
    fi
    step undefine undefine "$dom" && barrier && states undefine
}
sc_guest_poweroff_destroy() { guest_scenario destroy restart destroy poweroff stopped; }
sc_guest_poweroff_restart() { guest_scenario restart restart destroy poweroff restart; }
sc_guest_poweroff_preserve() { guest_scenario preserve restart destroy poweroff quiet; }
sc_guest_reboot_restart() { guest_scenario destroy restart destroy reboot restart; }
sc_guest_reboot_destroy() { guest_scenario destroy destroy destroy reboot stopped; }
sc_guest_panic_destroy() { guest_scenario destroy restart destroy panic stopped; }
sc_guest_panic_restart() { guest_scenario destroy restart restart panic restart; }
sc_guest_panic_preserve() { guest_scenario destroy restart preserve panic quiet; }

sc_setmem() {
    write_xml "$xml" destroy restart destroy ""
    step define define "$xml" && barrier && states define
    step start start "$dom" && wait_ready 1 && barrier && states start
    if step setmem setmem "$dom" 98304 --live; then
        wait_for "$serial" "SWIFTVIRT-MEMTOTAL" 2 60 || true
        settle 5 60
        barrier
        states setmem
    fi
    step destroy destroy "$dom" && barrier && states destroy
    step undefine undefine "$dom" && barrier && states undefine
}

for s in $QEG_SCENARIOS; do
    begin "$s"
    "sc_$(echo "$s" | tr - _)" || true
    finish
done
if [ -f "$timings" ]; then
    log "time from the guest's action (on its console) to libvirt's events:"
    sed 's/^/    /' "$timings"
fi
log "done: $(echo $QEG_SCENARIOS | wc -w) scenario(s) in $outdir"
