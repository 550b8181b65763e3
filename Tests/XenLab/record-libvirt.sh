#!/bin/bash
# The dom0 side of scripts/xen-event-goldens.sh: Debian's libvirt 9.0 (libvirtd with its libxl driver, from
# the share's libvirt-root) takes the virsh phase's steps with Debian's virsh, and a `virsh event --all --loop`
# in another process records what libvirt emits for them (logs/virsh-events.txt).
set -u
# shellcheck source=scripts/xen-lab/dom0/xenlab.sh
. "$XENLAB_SHARE/lib/xenlab.sh"
# shellcheck source=scripts/xen-lab/dom0/libvirt-root.sh
. "$XENLAB_SHARE/lib/libvirt-root.sh"
export LIBVIRT_DEFAULT_URI=xen:///system
S=$XENLAB_SCRATCH
cp "$XENLAB_GUEST/vmlinux.gz" "$XENLAB_GUEST/initrd.gz" "$S/"
mkdir -p "$S/bin"

xenlab_op libvirt.mount libvirt_root_mount
xenlab_op libvirt.libvirtd libvirt_root_start_libvirtd || xenlab_finish
libvirt_root_virsh_wrapper "$S/bin/virsh"
libvirt_root_run /usr/bin/virsh version >>"$XENLAB_LOGS/ops.log" 2>&1

# shellcheck source=Tests/XenLab/virsh-scenario.sh
. "$XENLAB_SHARE/virsh-scenario.sh"
# Debian's virsh starts slowly from the 9p share under TCG: give its event subscription and its console
# time to be made.
V="$S/bin/virsh" P=libvirt EVENTS_SETTLE=10 CONSOLE_SECONDS=10 virsh_scenario

libvirt_root_stop_libvirtd
cp -r "$LIBVIRT_ROOT/var/log/libvirt" "$XENLAB_LOGS/libvirt-logs" 2>/dev/null
xenlab_finish
