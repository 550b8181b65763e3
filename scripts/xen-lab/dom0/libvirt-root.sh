# shellcheck shell=bash
# Debian's libvirt 9.0 in the lab's dom0: the root scripts/xen-lab/build-libvirt-root.sh builds, found on the
# share at <share>/libvirt-root and entered with chroot. run.sh copies this file to <share>/lib/.
# Source it after xenlab.sh:   . "$XENLAB_SHARE/lib/libvirt-root.sh"

LIBVIRT_ROOT="$XENLAB_SHARE/libvirt-root"

# What libxl and the clients need from dom0, seen at the same paths inside the root: the kernel's file
# systems and devices (xenfs, /dev/xen), /run (xenstored's socket, the daemons' sockets), Xen's own state
# (xl and libvirt's libxl see each other's domains there) and the scratch directory with the guests' images.
libvirt_root_mount() {
    local dir
    for dir in proc sys dev run scratch var/lib/xen var/log/xen; do
        mkdir -p "$LIBVIRT_ROOT/$dir"
    done
    mount --rbind /proc "$LIBVIRT_ROOT/proc" && mount --rbind /sys "$LIBVIRT_ROOT/sys" &&
        mount --rbind /dev "$LIBVIRT_ROOT/dev" && mount --rbind /run "$LIBVIRT_ROOT/run" &&
        mount --bind "$XENLAB_SCRATCH" "$LIBVIRT_ROOT/scratch" &&
        mount --bind /var/lib/xen "$LIBVIRT_ROOT/var/lib/xen" && mount --bind /var/log/xen "$LIBVIRT_ROOT/var/log/xen"
}

# A command of the root (libvirt_root_run virsh list), as dom0's root.
libvirt_root_run() { chroot "$LIBVIRT_ROOT" "$@"; }

# Writes an executable that runs Debian's virsh from the root: libvirt_root_virsh_wrapper PATH.
libvirt_root_virsh_wrapper() {
    printf '#!/bin/sh\nexec chroot %s /usr/bin/virsh "$@"\n' "$LIBVIRT_ROOT" >"$1"
    chmod 755 "$1"
}

# True when Debian's virsh gets an answer on xen:///system (from libvirtd, or from virtd: /run/libvirt/libvirt-sock).
libvirt_root_answers() { libvirt_root_run /usr/bin/virsh -c xen:///system uri >/dev/null 2>&1; }

# Starts libvirtd 9.0 with its libxl driver (no auth for root) and waits until it answers; its log goes to
# <logs>/libvirtd.log.
libvirt_root_start_libvirtd() {
    # chroot itself, not a function, in the background: chroot execs libvirtd, so $! is libvirtd's pid.
    chroot "$LIBVIRT_ROOT" /usr/sbin/libvirtd -f /etc/libvirt/xenlab-libvirtd.conf \
        >"$XENLAB_LOGS/libvirtd.log" 2>&1 &
    LIBVIRTD_PID=$!
    xenlab_wait_for 60 libvirt_root_answers
}

libvirt_root_stop_libvirtd() {
    [ -n "${LIBVIRTD_PID:-}" ] || return 0
    kill "$LIBVIRTD_PID" 2>/dev/null
    wait "$LIBVIRTD_PID" 2>/dev/null
    LIBVIRTD_PID=
}
