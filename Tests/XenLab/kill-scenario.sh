# shellcheck shell=bash
# The fault-injection part of the virsh phase (Tests/XenLab/test.sh): our virsh is killed with SIGKILL at
# points spread over each mutating operation on a PV guest (the 13 of the qemu:/// harness: define,
# undefine, start, create, destroy, suspend, resume, save, restore, setmem, setvcpus, shutdown, reboot),
# and after each kill what virsh lists must be what Xen runs (xl is asked), with no state change blocked;
# then the watcher is killed while it tends a guest that rebooted, powered off or panicked by itself.
# The qemu:/// counterpart is Tests/VirtQEMUTests/FaultInjectionTests.swift.

KILL_DOM=vk
KILL_POINTS=3

# What virsh says of the domain: "running", "paused", "shut off" or "absent".
kill_listed() { "$V" domstate "$KILL_DOM" 2>/dev/null | head -n 1 | grep . || echo absent; }

# Agrees: listed running or paused with Xen running or paused the same way, or listed shut off or absent
# with no such Xen domain.
kill_agrees() {
    local listed xl
    listed=$(kill_listed)
    xl=$(xenlab_state "$KILL_DOM")
    case "$listed" in
        running) [ -n "$xl" ] && [[ "$xl" != *p* ]] ;;
        paused) [[ "$xl" == *p* ]] ;;
        "shut off" | absent) [ -z "$xl" ] ;;
        *) false ;;
    esac
}

kill_baseline() {
    "$V" destroy "$KILL_DOM" >/dev/null 2>&1
    "$V" undefine "$KILL_DOM" >/dev/null 2>&1
    xenlab_absent "$KILL_DOM" || xl destroy "$KILL_DOM" >/dev/null 2>&1
    xenlab_wait_gone "$KILL_DOM" 30
    rm -f "$XENLAB_SCRATCH/$KILL_DOM.save"
    case "$1" in
        absent) return 0 ;;
        defined) "$V" define "$XENLAB_SCRATCH/$KILL_DOM.xml" ;;
        running) "$V" create "$XENLAB_SCRATCH/$KILL_DOM.xml" ;;
        # Two vCPUs, so that one can be taken away.
        running2) "$V" create "$XENLAB_SCRATCH/$KILL_DOM-2.xml" ;;
        paused) "$V" create --paused "$XENLAB_SCRATCH/$KILL_DOM.xml" ;;
        # A PV guest can be saved once its kernel runs (before, Xen has no frame list to save: "Bad mfn 0").
        booted) kill_create_booted ;;
        saved) kill_create_booted && "$V" save "$KILL_DOM" "$XENLAB_SCRATCH/$KILL_DOM.save" ;;
    esac >>"$XENLAB_LOGS/ops.log" 2>&1
}

kill_create_booted() {
    local readies
    readies=$(grep -ac XENLAB-GUEST-READY "$(xenlab_console "$KILL_DOM")" 2>/dev/null)
    "$V" create "$XENLAB_SCRATCH/$KILL_DOM.xml" && xenlab_wait_for 120 ready_above "$KILL_DOM" "${readies:-0}"
}

# kill_operation NAME BASELINE virsh-arguments...: measured once, then killed at KILL_POINTS points.
kill_operation() {
    local name="$1" baseline="$2" t0 took point delay client; shift 2
    kill_baseline "$baseline"
    t0=$(xenlab_now_ms)
    xenlab_op "virsh.kill.$name.unkilled" "$V" "$@" || return
    took=$(($(xenlab_now_ms) - t0))
    for point in $(seq 1 "$KILL_POINTS"); do
        kill_baseline "$baseline" || xenlab_record "XLINFO virsh.kill.$name baseline $baseline failed"
        delay=$((took * point / (KILL_POINTS + 1)))
        "$V" "$@" >>"$XENLAB_LOGS/ops.log" 2>&1 &
        client=$!
        sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
        kill -9 "$client" 2>/dev/null
        wait "$client" 2>/dev/null
        xenlab_check "virsh.kill.$name.$point" "killed after $delay of $took ms: virsh says $(kill_listed), xl '$(xenlab_state "$KILL_DOM")'" \
            xenlab_wait_for 20 kill_agrees
        # No lock left in the way: the next changes go through.
        xenlab_check "virsh.kill.$name.$point.next" "" kill_baseline absent
    done
}

# The watcher is killed (SIGKILL) at points around its tending of a guest that acted by itself (told on its
# console): the next call, and the watcher it starts, must finish what the watcher had begun, whatever it had
# done when it died: a guest that rebooted (<on_reboot> restart) runs again as a new Xen domain, never lost;
# one that powered off or panicked (<on_poweroff>/<on_crash> destroy) is gone, from virsh and from Xen.
# kill_watcher_during ACT WORDS EXPECTED DELAY...
kill_watcher_during() {
    local act="$1" words="$2" expected="$3" delay id said; shift 3
    for delay in "$@"; do
        kill_baseline booted || { xenlab_check "virsh.kill-watcher.$act.$delay.baseline" "" false; continue; }
        id=$(xl domid "$KILL_DOM")
        said=$(grep -ac "$words" "$(xenlab_console "$KILL_DOM")")
        xenlab_tell "$KILL_DOM" "xenlab-$act"
        xenlab_wait_for 30 console_count_above "$KILL_DOM" "$words" "${said:-0}"
        sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
        pkill -9 -x swiftvirt-watch
        xenlab_check "virsh.kill-watcher.$act.$delay" "killed $delay ms after the guest's last words: xl '$(xenlab_state "$KILL_DOM")'" \
            xenlab_wait_for 30 "$expected" "$id"
    done
}
kill_watcher_scenario() {
    kill_watcher_during reboot XENLAB-GUEST-REBOOT restarted_after_call 0 300 600
    kill_watcher_during poweroff XENLAB-GUEST-POWEROFF gone_after_call 0 300
    kill_watcher_during panic XENLAB-GUEST-PANIC gone_after_call 0 300
    kill_baseline absent
}
console_count_above() { [ "$(grep -ac "$2" "$(xenlab_console "$1")")" -gt "$3" ]; }
# A call (which tends the domain and starts a watcher) finds the guest running again, as a new Xen domain.
restarted_after_call() { [ "$(kill_listed)" = running ] && reborn "$KILL_DOM" "$1" && kill_agrees; }
# A call finds the guest gone, and so does xl.
gone_after_call() { [ "$(kill_listed)" = absent ] && kill_agrees; }

kill_scenario() {
    xenlab_guest_xml "$KILL_DOM" xen 1 1 >"$XENLAB_SCRATCH/$KILL_DOM.xml"
    xenlab_guest_xml "$KILL_DOM" xen 2 >"$XENLAB_SCRATCH/$KILL_DOM-2.xml"
    kill_operation define absent define "$XENLAB_SCRATCH/$KILL_DOM.xml"
    kill_operation undefine defined undefine "$KILL_DOM"
    kill_operation start defined start "$KILL_DOM"
    kill_operation create absent create "$XENLAB_SCRATCH/$KILL_DOM.xml"
    kill_operation suspend running suspend "$KILL_DOM"
    kill_operation resume paused resume "$KILL_DOM"
    kill_operation destroy running destroy "$KILL_DOM"
    kill_operation save booted save "$KILL_DOM" "$XENLAB_SCRATCH/$KILL_DOM.save"
    kill_operation restore saved restore "$XENLAB_SCRATCH/$KILL_DOM.save"
    kill_operation setmem running setmem "$KILL_DOM" 98304
    kill_operation setvcpus running2 setvcpus "$KILL_DOM" 1
    kill_operation shutdown booted shutdown "$KILL_DOM"
    kill_operation reboot booted reboot "$KILL_DOM"
    kill_watcher_scenario
}
