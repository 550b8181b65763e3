#!/bin/bash
# The lab's smoke scenario, run in dom0 with xl (and libxl-probe): it proves the lab works, and its
# timings are the xl floor SwiftVirt's xen:/// driver is measured against. One PV and one PVH guest go
# in turn through create, boot, list, pause/unpause (ticks stop, then resume), save/restore, mem-set,
# reboot, vcpu-pin, shutdown (until gone), create again and destroy. Then a PV guest with a disk and a vif.
set -u
. "$XENLAB_SHARE/lib/xenlab.sh"

GUEST_MEMORY=128
BALLOON_TO=96

# The guest images are copied to dom0's RAM once: reading them over 9p under TCG on every create
# would be measured as part of xl create.
cp "$XENLAB_GUEST/vmlinux.gz" "$XENLAB_GUEST/initrd.gz" "$XENLAB_SCRATCH/"

# write_config NAME TYPE [EXTRA_CONFIG_LINES]
write_config() {
    local name="$1" type="$2"
    {
        echo "name = \"$name\""
        echo "type = \"$type\""
        echo "kernel = \"$XENLAB_SCRATCH/vmlinux.gz\""
        echo "ramdisk = \"$XENLAB_SCRATCH/initrd.gz\""
        echo "extra = \"console=hvc0 loglevel=4$([ "$type" != pvh ] || echo ' noxsave')\""
        echo "memory = $GUEST_MEMORY"
        echo "maxmem = $GUEST_MEMORY"
        echo "vcpus = 1"
        echo "on_crash = \"destroy\""
        # PVH under nested SVM: QEMU reports RDTSCP exits without a next RIP and Xen gives up on the
        # guest; a native TSC removes the intercept. It must stay off dom0's pCPU 0 (see run.sh), and its
        # kernel runs without XSAVE (noxsave above: docs/xen-lab.md).
        [ "$type" != pvh ] || printf 'tsc_mode = "native"\ncpus = "1"\n'
        [ -z "${3:-}" ] || echo "$3"
    } >"$XENLAB_SCRATCH/$name.cfg"
}

is_paused() { [[ "$(xenlab_state "$1")" == *p* ]]; }

# True once the guest's tick counter has moved past the given value.
ticks_after() { [ "$(xenlab_last_tick "$1")" -gt "$2" ]; }

# Ticks must stand still while paused and move again afterwards.
check_pause() {
    local dom="$1" before after
    xenlab_op "$dom.pause" xl pause "$dom"
    xenlab_check "$dom.paused-state" "state=$(xenlab_state "$dom")" is_paused "$dom"
    sleep 1   # a tick written just before the pause may still be on its way through xenconsoled
    before=$(xenlab_last_tick "$dom")
    sleep 3
    after=$(xenlab_last_tick "$dom")
    xenlab_check "$dom.ticks-stopped" "tick $before -> $after over 3 s" test "$before" -eq "$after"
    xenlab_op "$dom.unpause" xl unpause "$dom"
    sleep 3
    xenlab_check "$dom.ticks-resumed" "tick $after -> $(xenlab_last_tick "$dom")" ticks_after "$dom" "$after"
}

check_save_restore() {
    local dom="$1" image="$XENLAB_SCRATCH/$1.save" before
    before=$(xenlab_last_tick "$dom")
    xenlab_op "$dom.save" xl save "$dom" "$image"
    xenlab_check "$dom.gone-after-save" "" xenlab_absent "$dom"
    xenlab_check "$dom.save-image" "$(du -m "$image" | cut -f1) MiB" test -s "$image"
    xenlab_op "$dom.restore" xl restore "$image"
    rm -f "$image"
    sleep 3
    xenlab_check "$dom.ticks-after-restore" "tick $before -> $(xenlab_last_tick "$dom")" ticks_after "$dom" "$before"
}

# True once xl list shows the domain at the given size (MiB).
memory_is() { [ "$(xenlab_memory "$1")" = "$2" ]; }

check_mem_set() {
    local dom="$1"
    xenlab_op "$dom.mem-set" xl mem-set "$dom" "${BALLOON_TO}m"
    # The balloon driver gives the memory back asynchronously: time until xl list shows the target.
    xenlab_op "$dom.mem-set-settled" xenlab_wait_for 20 memory_is "$dom" "$BALLOON_TO"
    xenlab_check "$dom.memory" "xl list says $(xenlab_memory "$dom") MiB" memory_is "$dom" "$BALLOON_TO"
}

ready_count() { grep -ac XENLAB-GUEST-READY "$(xenlab_console "$1")"; }
ready_count_above() { [ "$(ready_count "$1")" -gt "$2" ]; }

# xl reboot returns at once; xl's background process then rebuilds the domain (new id, same name) and
# the guest prints its readiness marker a second time.
check_reboot() {
    local dom="$1" readies
    readies=$(ready_count "$dom")
    xenlab_op "$dom.reboot" xl reboot "$dom"
    xenlab_op "$dom.reboot-to-ready" xenlab_wait_for 120 ready_count_above "$dom" "$readies"
}

# xl vcpu-list's last columns are "hard / soft" affinity; pinning vCPU 0 to pCPU 1 (both) must show.
affinity_of_vcpu0() { xl vcpu-list "$1" | awk '$3 == 0 { print $(NF - 2) "/" $NF }'; }

check_vcpu_pin() {
    local dom="$1" before after
    before=$(affinity_of_vcpu0 "$dom")
    xenlab_op "$dom.vcpu-pin" xl vcpu-pin "$dom" 0 1 1
    after=$(affinity_of_vcpu0 "$dom")
    xenlab_check "$dom.vcpu-affinity" "vcpu 0 hard/soft affinity $before -> $after" test "$after" = 1/1 -a "$before" != 1/1
}

# Keeps what explains a stuck domain (its xenstore subtree), then destroys it so the run can go on.
give_up() {
    local dom="$1" id
    id=$(xl domid "$dom" 2>/dev/null) || return 0
    xenstore-ls -fp "/local/domain/$id" >"$XENLAB_LOGS/xenstore-$dom.txt" 2>&1
    xl destroy "$dom"
}

lifecycle() {
    local dom="$1" type="$2"
    write_config "$dom" "$type"
    xenlab_op "$dom.create" xl create "$XENLAB_SCRATCH/$dom.cfg" || return
    xenlab_op "$dom.boot-to-ready" xenlab_wait_console "$dom" XENLAB-GUEST-READY 120 || return
    xenlab_op "$dom.list" xl list "$dom"
    xenlab_op "$dom.list-long" xl list -l "$dom"
    # libxenlight from a process that is not xl, as SwiftVirt's driver will use it.
    xenlab_op "$dom.libxl-probe" "$XENLAB_SHARE/bin/libxl-probe" "$dom"
    check_pause "$dom"
    check_save_restore "$dom"
    check_mem_set "$dom"
    check_reboot "$dom"
    check_vcpu_pin "$dom"
    xenlab_op "$dom.shutdown-w" timeout 60 xl shutdown -w "$dom" || give_up "$dom"
    xenlab_op "$dom.shutdown-gone" xenlab_wait_gone "$dom" 60 || give_up "$dom"
    xenlab_op "$dom.create-again" xl create "$XENLAB_SCRATCH/$dom.cfg" || return
    xenlab_op "$dom.destroy" xl destroy "$dom"
    xenlab_check "$dom.gone-after-destroy" "" xenlab_absent "$dom"
}

# A PV guest with a file-backed disk (loop + blkback) and a vif on xenbr0 (netback): the hotplug
# scripts run, the guest sees both devices, and nothing is left behind after shutdown.
devices() {
    local dom="$1" disk="$XENLAB_SCRATCH/$1.img"
    truncate -s 16M "$disk"
    write_config "$dom" pv "disk = ['file:$disk,xvda,w']
vif = ['bridge=xenbr0']"
    xenlab_op "$dom.create" xl create "$XENLAB_SCRATCH/$dom.cfg" || return
    xenlab_op "$dom.boot-to-ready" xenlab_wait_console "$dom" XENLAB-GUEST-READY 120 || return
    xenlab_check "$dom.guest-devices" "$(grep -ao 'disks=[0-9]* nics=[0-9]*' "$(xenlab_console "$dom")")" \
        grep -aq 'disks=1 nics=1' "$(xenlab_console "$dom")"
    xenlab_check "$dom.vif-bridged" "xenbr0 ports: $(ls /sys/class/net/xenbr0/brif | tr '\n' ' ')" \
        test -e "/sys/class/net/xenbr0/brif/vif$(xl domid "$dom").0"
    xenlab_op "$dom.shutdown-w" timeout 60 xl shutdown -w "$dom" || give_up "$dom"
    xenlab_op "$dom.shutdown-gone" xenlab_wait_gone "$dom" 60 || give_up "$dom"
    xenlab_check "$dom.no-loop-left" "$(losetup -a | tr '\n' ' ')" test -z "$(losetup -a)"
    rm -f "$disk"
}

xenlab_record "XLINFO $(xl info | awk -F' *: ' '/^(xen_version|virt_caps|nr_cpus|free_memory) / { printf "%s=\"%s\" ", $1, $2 }')"
lifecycle pv1 pv
lifecycle pvh1 pvh
devices pvdev1
xenlab_check "no-domains-left" "" test "$(xl list | wc -l)" -eq 2
xenlab_finish
