#!/usr/bin/env bash
# bench-watch.sh (benchmark, not a test): how fast the process that watches running domains
# acts when a guest powers off or panics by itself, and what it costs in memory; SwiftVirt's
# swiftvirt-watch (qemu:///embed, its own debug-built virsh) next to Debian's libvirt 9.0
# libvirtd (its /usr/bin/virsh), one run, one table.
#
# Usage: scripts/bench-watch.sh            (root; BENCH_RUNS=N runs per measurement, default 3)
#
# The guest is Tests/VirtQEMUTests/Fixtures/events/README.md's (scripts/build-guest.sh, 128 MiB,
# serial to a file, <panic model='isa'/>), created transient with the kernel argument
# swiftvirt.after=1:poweroff (on_poweroff destroy) or swiftvirt.after=1:panic (on_crash destroy),
# while `virsh event --all --loop --timestamp` runs. Times come from the timestamps virsh prints
# (wall clock, ms), from polling /proc every 10 ms and from the guest's serial file's mtime:
#   power-off  from "Shutdown Finished after guest request" (QEMU reported the power-off) to
#              "Stopped Shutdown", and to the QEMU process having exited (a zombie or no process;
#              polled every 10 ms, so up to ~10 ms late); also when it was reaped (kill -0 fails);
#   panic      from "Crashed Panicked" to "Stopped Crashed", and to QEMU exited and reaped;
#   guest off  the same two ends measured from the guest's last console output instead (the mtime of
#              its serial file: the kernel's "reboot: Power down" or panic report, written just before
#              the write that makes QEMU stop the guest), which does not depend on when the toolstack
#              reports the first event (SwiftVirt's watcher appends an action's events only after it);
#   memory     VmRSS of swiftvirt-watch / of libvirtd while the one domain runs (read as soon
#              as the guest printed SWIFTVIRT-GUEST-READY).
# A daemonized QEMU is reaped by PID 1: where PID 1 reaps late, the zombie answers kill(pid, 0), which
# libvirt's kill loop polls every 200 ms before it reports Stopped; the "reaped" rows show that delay.
# Not measured: on_poweroff=restart's "reboot to vCPUs running again" (see the note it prints).
# Ratio = libvirt / SwiftVirt (> 1: SwiftVirt is faster or smaller).
#
# libvirt runs as scripts/qemu-event-goldens.sh runs it (scripts/lib/qemu-libvirtd.sh): a
# private libvirtd in a private mount and network namespace, never the system daemon. The
# whole benchmark runs in that namespace, SwiftVirt too (its state under a temporary root).
# However it ends it destroys the domains, stops that swiftvirt-watch, libvirtd and every
# QEMU they started, unmounts, and removes its temporary directory (BENCH_KEEP=1 keeps it).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
runs=${BENCH_RUNS:-3}
dom=swv-bench

die() { echo "bench-watch.sh: $*" >&2; exit 1; }
log() { echo "bench-watch.sh: $*" >&2; }

if [ "${BW_INNER:-}" != 1 ]; then
    # ---------------------------------------------------------------- outer part
    [ "$(id -u)" = 0 ] || die "run as root (it mounts in a private namespace and runs libvirtd)"
    case $runs in '' | *[!0-9]* | 0) die "BENCH_RUNS must be a positive number" ;; esac
    for tool in unshare mount ip pkill pgrep /usr/bin/virsh /usr/sbin/libvirtd /usr/bin/qemu-system-x86_64; do
        command -v "$tool" >/dev/null 2>&1 || die "'$tool' is missing"
    done
    export PATH="/opt/swift/usr/bin:$PATH"
    cd "$repo"
    bin=$(swift build --show-bin-path)
    for product in virsh swiftvirt-watch; do   # (swift build builds only the last of several --product)
        [ -x "$bin/$product" ] || swift build --product "$product" >&2 || die "cannot build $product"
    done
    guest=$("$here/build-guest.sh") || die "build-guest.sh failed"
    kernel=$(echo "$guest" | sed -n 's/^kernel=//p')
    initrd=$(echo "$guest" | sed -n 's/^initrd=//p')
    [ -f "$kernel" ] && [ -f "$initrd" ] || die "build-guest.sh gave no kernel/initrd"
    work=$(mktemp -d /tmp/bench-watch.XXXXXX)
    inner=
    cleanup_outer() {
        if [ -n "$inner" ]; then
            kill -TERM "$inner" 2>/dev/null || true
            wait "$inner" 2>/dev/null || true
        fi
        # The inner part's own trap stopped the watcher; make sure (it may have been killed).
        pkill -f "swiftvirt-watch qemu:///embed.root=$work/sv" 2>/dev/null || true
        if [ -n "${BENCH_KEEP:-}" ]; then log "kept $work"; else rm -rf "$work"; fi
    }
    trap cleanup_outer EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM HUP
    BW_INNER=1 BW_WORK=$work BW_BIN=$bin BW_KERNEL=$kernel BW_INITRD=$initrd \
        unshare -mn --propagation private bash "$0" &
    inner=$!
    rc=0
    wait "$inner" || rc=$?
    inner=
    exit "$rc"
fi

# -------------------------------------------------------------------- inner part
# In a private mount and network namespace.
work=$BW_WORK
root=$work/sv
sv_virsh=$BW_BIN/virsh
sv_uri="qemu:///embed?root=$root"
export SWIFTVIRT_WATCH=$BW_BIN/swiftvirt-watch
serial=$work/serial.log
results=$work/results   # lines: TOOL MEASUREMENT VALUE
listener_pid=
: >"$results"

. "$here/lib/qemu-libvirtd.sh"   # kill_wait, kill_qemus, qemu_libvirtd_start/stop
. "$here/lib/event-guest.sh"     # event_guest_xml, sync_domain_xml

cleanup_inner() {
    set +e
    [ -n "$listener_pid" ] && kill_wait "$listener_pid"
    "$sv_virsh" -c "$sv_uri" destroy "$dom" >/dev/null 2>&1
    "$sv_virsh" -c "$sv_uri" undefine swv-sync >/dev/null 2>&1
    local f pid
    for f in "$root"/run/qemu/*.pid; do
        [ -f "$f" ] || continue
        pid=$(cat "$f" 2>/dev/null) && [ -n "$pid" ] && kill_wait "$pid"
    done
    pkill -f "swiftvirt-watch qemu:///embed.root=$root"
    [ -n "$QEMU_LIBVIRTD_URI" ] && virsh -c "$QEMU_LIBVIRTD_URI" destroy "$dom" >/dev/null 2>&1
    qemu_libvirtd_stop   # libvirtd, and every QEMU left in this namespace
}
trap cleanup_inner EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

qemu_libvirtd_start "$work/libvirt" || die "no private libvirtd"
lv_uri=$QEMU_LIBVIRTD_URI

# $1 = file, $2 = action (poweroff or panic)
write_xml() {
    event_guest_xml "$1" "$dom" "$BW_KERNEL" "$BW_INITRD" "$serial" destroy restart destroy "swiftvirt.after=1:$2"
}
sync_domain_xml "$work/sync.xml"

count() { # $1 = file, $2 = fixed string: number of lines containing it
    local n
    n=$(grep -c -F -- "$2" "$1" 2>/dev/null) || true
    echo "${n:-0}"
}

# wait_for FILE STRING TIMEOUT: until FILE has a line containing STRING.
wait_for() {
    local deadline=$((SECONDS + $3))
    until grep -q -F -- "$2" "$1" 2>/dev/null; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.05
    done
}

# ms TEXT: "YYYY-MM-DD HH:MM:SS.mmm+0000: event ..." (virsh --timestamp) -> epoch milliseconds
ms() { date -u -d "${1:0:23}" +%s%3N; }

# event_ms FILE TEXT: the timestamp of the first event line for $dom ending in TEXT
event_ms() {
    local line
    line=$(grep -F -- "for domain '$dom': $2" "$1" | head -1)
    [ -n "$line" ] || return 1
    ms "$line"
}

gone() { # $1 = pid: exited (no such process, or a zombie not yet reaped)
    local _p _c st
    kill -0 "$1" 2>/dev/null || return 0
    read -r _p _c st _ 2>/dev/null <"/proc/$1/stat" || return 0
    [ "$st" = Z ]
}

# run_once TOOL ACTION RUN: one guest, created, READY, acting by itself, stopped.
run_once() {
    local tool=$1 action=$2 n=$3 virsh_bin uri pidfile watcher raw xml pid rss t0 t1 tgone treaped tguest first last i
    case $tool in
    swiftvirt) virsh_bin=$sv_virsh uri=$sv_uri pidfile=$root/run/qemu/$dom.pid ;;
    libvirt) virsh_bin=/usr/bin/virsh uri=$lv_uri pidfile=/run/libvirt/qemu/$dom.pid ;;
    esac
    case $action in
    poweroff) first="Shutdown Finished after guest request" last="Stopped Shutdown" ;;
    panic) first="Crashed Panicked" last="Stopped Crashed" ;;
    esac
    raw=$work/$tool-$action-$n.events
    xml=$work/$dom.xml
    write_xml "$xml" "$action"
    rm -f "$serial"

    "$virsh_bin" -c "$uri" event --all --loop --timestamp >"$raw" 2>&1 &
    listener_pid=$!
    # The listener is listening once a second domain's define/undefine reaches it.
    for i in $(seq 100); do
        "$virsh_bin" -q -c "$uri" define "$work/sync.xml" >/dev/null
        "$virsh_bin" -q -c "$uri" undefine swv-sync >/dev/null
        sleep 0.1
        [ "$(count "$raw" "for domain 'swv-sync': Undefined")" -gt 0 ] && break
    done
    [ "$(count "$raw" "for domain 'swv-sync': Undefined")" -gt 0 ] || die "$tool: virsh event never listened"

    "$virsh_bin" -q -c "$uri" create "$xml" >/dev/null || die "$tool: create failed"
    pid=
    for i in $(seq 100); do
        pid=$(cat "$pidfile" 2>/dev/null) || true
        [ -n "$pid" ] && break
        sleep 0.05
    done
    [ -n "$pid" ] || die "$tool: no QEMU pid in $pidfile"
    wait_for "$serial" SWIFTVIRT-GUEST-READY 300 || die "$tool: the guest never printed SWIFTVIRT-GUEST-READY"

    case $tool in
    swiftvirt) watcher=$(pgrep -f "swiftvirt-watch qemu:///embed.root=$root" | head -1) || true ;;
    libvirt) watcher=$QEMU_LIBVIRTD_PID ;;
    esac
    rss=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$watcher/status" 2>/dev/null) || true
    [ -n "$rss" ] && echo "$tool rss $rss" >>"$results"
    if grep -q -F SWIFTVIRT-GUEST-ACT "$serial"; then
        log "$tool $action $n: the guest had acted already when RSS was read"
    fi

    # The QEMU process: gone when?
    local deadline=$((SECONDS + 300))
    until gone "$pid"; do
        [ "$SECONDS" -lt "$deadline" ] || die "$tool: QEMU $pid still there 300 s after READY"
        sleep 0.01
    done
    tgone=${EPOCHREALTIME/./}
    tgone=$((tgone / 1000))
    # The guest's last console output (the kernel's "reboot: Power down" or panic report) is
    # written just before the ACPI power-off or pvpanic write that makes QEMU stop it; nothing
    # writes the file afterwards.
    tguest=$(stat -c %.3Y "$serial")
    tguest=${tguest/./}
    # Exited is not reaped: a zombie still answers kill -0 (and libvirt's kill loop) until its
    # parent (for a daemonized QEMU, PID 1) reaps it.
    until ! kill -0 "$pid" 2>/dev/null; do
        [ "$SECONDS" -lt "$deadline" ] || die "$tool: QEMU $pid not reaped 300 s after READY"
        sleep 0.01
    done
    treaped=${EPOCHREALTIME/./}
    treaped=$((treaped / 1000))
    echo "$tool $action-guest-reaped $((treaped - tguest))" >>"$results"
    wait_for "$raw" "for domain '$dom': $last" 60 || log "$tool $action $n: no '$last' event"
    kill_wait "$listener_pid"
    wait "$listener_pid" 2>/dev/null || true
    listener_pid=
    "$virsh_bin" -q -c "$uri" destroy "$dom" >/dev/null 2>&1 || true

    echo "$tool $action-guest-gone $((tgone - tguest))" >>"$results"
    t1=
    if t1=$(event_ms "$raw" "$last"); then
        echo "$tool $action-guest-stopped $((t1 - tguest))" >>"$results"
    fi
    if t0=$(event_ms "$raw" "$first"); then
        [ -n "$t1" ] && echo "$tool $action-stopped $((t1 - t0))" >>"$results"
        echo "$tool $action-gone $((tgone - t0))" >>"$results"
        log "$tool $action $n: guest's last output -> '$first' $((t0 - tguest)) ms, -> '$last' $((${t1:-0} - tguest)) ms, -> QEMU exited $((tgone - tguest)) ms, reaped $((treaped - tguest)) ms; watcher RSS ${rss:-?} KiB"
    else
        log "$tool $action $n: no '$first' event; events were:"
        grep -F "for domain '$dom'" "$raw" | sed 's/^/    /' >&2
    fi
}

log "SwiftVirt: $sv_virsh, $sv_uri"
log "libvirt: /usr/bin/virsh $(virsh -c "$lv_uri" version --daemon | sed -n 's/^Running against daemon: *//p'), private libvirtd pid $QEMU_LIBVIRTD_PID"
for n in $(seq "$runs"); do
    for action in poweroff panic; do
        for tool in swiftvirt libvirt; do
            run_once "$tool" "$action" "$n"
        done
    done
done

# ---- the table
stats() { # $1 = tool, $2 = measurement: "median (min-max)" of its values, or "-"
    awk -v t="$1" -v m="$2" '$1 == t && $2 == m { print $3 }' "$results" | sort -n | awk '
        { v[NR] = $1 }
        END {
            if (NR == 0) { print "-"; exit }
            med = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%g (%g..%g) n=%d\n", med, v[1], v[NR], NR
        }'
}
median() { stats "$1" "$2" | awk '{ print $1 }'; }
row() { # $1 = label, $2 = measurement, $3 = unit divisor
    local s l
    s=$(stats swiftvirt "$2")
    l=$(stats libvirt "$2")
    printf '%-48s %-26s %-26s %s\n' "$1" "$s" "$l" \
        "$(awk -v a="$(median swiftvirt "$2")" -v b="$(median libvirt "$2")" \
            'BEGIN { if (a + 0 > 0 && b != "-") printf "%.2fx", b / a; else print "-" }')"
}
echo
echo "bench-watch.sh: $runs run(s) each; $(uptime | sed 's/.*load average/load average/') ($(nproc) CPUs)"
printf '%-48s %-26s %-26s %s\n' measurement "SwiftVirt median (min..max)" "libvirt median (min..max)" "libvirt/SwiftVirt"
row "poweroff: Shutdown Finished -> Stopped (ms)" poweroff-stopped
row "poweroff: Shutdown Finished -> QEMU exited (ms)" poweroff-gone
row "poweroff: guest off -> Stopped event (ms)" poweroff-guest-stopped
row "poweroff: guest off -> QEMU exited (ms)" poweroff-guest-gone
row "poweroff: guest off -> QEMU reaped (ms)" poweroff-guest-reaped
row "panic: Crashed Panicked -> Stopped (ms)" panic-stopped
row "panic: Crashed Panicked -> QEMU exited (ms)" panic-gone
row "panic: guest panic -> Stopped event (ms)" panic-guest-stopped
row "panic: guest panic -> QEMU exited (ms)" panic-guest-gone
row "panic: guest panic -> QEMU reaped (ms)" panic-guest-reaped
row "watcher RSS, one domain running (KiB)" rss
echo "on_poweroff=restart, first reboot -> vCPUs running again: not measured. Neither toolstack emits an"
echo "event when the vCPUs resume after the reset (libvirt 9.0 emits only 'reboot' events; SwiftVirt does"
echo "the same), and /proc cannot tell a paused vCPU thread from an idle guest's; the burst's later"
echo "'reboot' events include the firmware's own run time."
echo "(SwiftVirt: swiftvirt-watch's RSS; libvirt: libvirtd's. QEMU exited: a zombie or no process; reaped: kill -0 fails; both polled every 10 ms."
echo " 'guest off' / 'guest panic': the mtime of the guest's serial file, i.e. its last console output, written"
echo " just before the power-off or pvpanic write that stops it. Event times are when virsh printed the event.)"
