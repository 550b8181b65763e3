#!/bin/bash
# A test.sh for the lab that checks a PVH guest survives pause/unpause (about 3 min): a ticking PVH guest
# on pCPU 1 is paused for 2 s and unpaused again and again; after each unpause its ticks must move on.
# A guest that dies (its console shows why) is counted and created again. Rerun it after changing
# QEMU's CPU model, Xen's options or the guest's kernel command line (docs/xen-lab.md, pitfalls).
# Usage: mkdir s && cp selftest/pvh-pause.sh s/test.sh && run.sh s
# (to try another guest kernel command line, edit GUEST_EXTRA below in the copy).
set -u
. "$XENLAB_SHARE/lib/xenlab.sh"

GUEST_EXTRA="noxsave"   # appended to the guest kernel's command line (as the scenarios do; "" to try without)
FRESH=0             # 1: a new guest for every cycle, paused just after its first tick (as the scenarios do)
DURATION=150

cp "$XENLAB_GUEST/vmlinux.gz" "$XENLAB_GUEST/initrd.gz" "$XENLAB_SCRATCH/"
cat >"$XENLAB_SCRATCH/g1.cfg" <<CFG
name = "g1"
type = "pvh"
kernel = "$XENLAB_SCRATCH/vmlinux.gz"
ramdisk = "$XENLAB_SCRATCH/initrd.gz"
extra = "console=hvc0 loglevel=4 $GUEST_EXTRA"
memory = 128
vcpus = 1
cpus = "1"
tsc_mode = "native"
on_crash = "preserve"
CFG

ticks_after() { [ "$(xenlab_last_tick "$1")" -gt "$2" ]; }

start_guest() {
    xl destroy g1 >/dev/null 2>&1
    xenlab_wait_gone g1 30
    rm -f "$(xenlab_console g1)"
    xl create "$XENLAB_SCRATCH/g1.cfg" >/dev/null && xenlab_wait_console g1 XENLAB-GUEST-READY 120
}

start_guest
end=$((SECONDS + DURATION)) cycles=0 deaths=0
while [ "$SECONDS" -lt "$end" ]; do
    [ "$FRESH" -eq 0 ] || { start_guest && xenlab_wait_for 10 ticks_after g1 -1; }
    xl pause g1
    sleep 2
    after=$(xenlab_last_tick g1)
    xl unpause g1
    cycles=$((cycles + 1))
    if ! xenlab_wait_for 8 ticks_after g1 "$after"; then
        deaths=$((deaths + 1))
        xenlab_record "XLINFO cycle $cycles: no tick after unpause; state $(xenlab_state g1); $(xenlab_guest_trouble g1)"
        mv "$(xenlab_console g1)" "$XENLAB_LOGS/dead-guest-$deaths.log"
        start_guest
    fi
done
xenlab_check pvh-survives-unpause "$deaths dead guests in $cycles pause/unpause cycles" test "$deaths" -eq 0
xl destroy g1
xenlab_finish
