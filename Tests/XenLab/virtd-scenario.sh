# shellcheck shell=bash
# The virtd phase of Tests/XenLab/test.sh: SwiftVirt's daemon serves xen:///system in dom0 at
# /run/libvirt/libvirt-sock, as libvirtd would, and Debian's virsh 9.0 (from the share's libvirt root,
# scripts/xen-lab/build-libvirt-root.sh) takes the virsh phase's steps through it, xl checking each. virtd is
# also the watcher (the guest that powers off is destroyed with no call), and Debian's `virsh event` through it
# must see what libvirt 9.0 emits. SIGTERM then ends virtd with status 0.

virtd_scenario() {
    cp "$XENLAB_SHARE/bin/virtd" "$S/bin/"
    xenlab_op virtd.mount-libvirt-root libvirt_root_mount || return
    "$S/bin/virtd" >"$XENLAB_LOGS/virtd.log" 2>&1 &
    local pid=$! rc=0
    xenlab_op virtd.answers xenlab_wait_for 60 libvirt_root_answers || { kill "$pid"; return; }
    xenlab_check virtd.version-daemon "$(libvirt_root_run virsh -c xen:///system version --daemon 2>&1 | tr '\n' ' ')" \
        bash -c "chroot '$LIBVIRT_ROOT' virsh -c xen:///system version --daemon | grep -q '^Running against daemon: 9.0.0'"
    libvirt_root_virsh_wrapper "$S/bin/debian-virsh"
    # Debian's virsh starts slowly from the 9p share under TCG: give its event subscription and its console
    # time to be made.
    V="$S/bin/debian-virsh" P=virtd EVENTS_SETTLE=10 CONSOLE_SECONDS=10 virsh_scenario
    kill -TERM "$pid"
    wait "$pid" || rc=$?
    xenlab_check virtd.sigterm-exit-0 "virtd ended with status $rc" test "$rc" -eq 0
    rm -f "$S/bin/virtd"
}
