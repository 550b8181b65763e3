#!/usr/bin/env bash
# Builds, into the lab's cache, a Debian 12 root holding Debian's libvirt 9.0 for Xen: libvirtd with only its
# libxl driver, and the clients (virsh). dom0 runs it with chroot from the lab's 9p share
# (scripts/xen-lab/dom0/libvirt-root.sh): it is how libvirt 9.0 itself is run on the same Xen, to record what
# it does (scripts/xen-lab/record-libvirt.sh), and how Debian's virsh reaches virtd in dom0. It is too big for
# dom0's initramfs (which must stay near 100 MB), hence a separate root on the share.
# Usage: build-libvirt-root.sh        prints the root's directory on stdout; quiet unless it fails.
# Needs root (debootstrap) and the Debian archive; cached by package versions, ~1 min when they change.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
require_root
require_commands debootstrap:debootstrap chroot:coreutils

PACKAGES="libvirt-daemon-driver-xen,libvirt-daemon,libvirt-clients,$XENLAB_TOOLS_PKG,iproute2,procps"

LIBVIRT_VERSION=$(candidate_version libvirt-daemon-driver-xen)
TOOLS_VERSION=$(candidate_version "$XENLAB_TOOLS_PKG")
[ -n "$LIBVIRT_VERSION" ] && [ -n "$TOOLS_VERSION" ] ||
    die "no candidate for libvirt-daemon-driver-xen or $XENLAB_TOOLS_PKG in the host's apt lists (apt-get update)"
MIRROR="${XENLAB_MIRROR:-$(mirror_for_suite "$XENLAB_SUITE")}"
SECURITY_MIRROR="${XENLAB_SECURITY_MIRROR:-$(mirror_for_suite "$XENLAB_SUITE-security")}"
[ -n "$MIRROR" ] || die "the host's apt has no $XENLAB_SUITE/main source; set XENLAB_MIRROR"

KEY=$({ echo "$PACKAGES $LIBVIRT_VERSION $TOOLS_VERSION"; cat "$0"; } | short_hash)
ROOT="$XENLAB/libvirt-root/$KEY"
if [ -f "$ROOT/.done" ]; then echo "$ROOT"; exit 0; fi

LOG="$XENLAB/logs/libvirt-root-$KEY.log"
mkdir -p "$XENLAB/logs" "$XENLAB/libvirt-root"
build() {
    # The same Xen libraries as the lab's dom0 and hypervisor.
    bootstrap_root "$ROOT" "$PACKAGES" "$TOOLS_VERSION"
    # libvirtd loads every driver it finds; the lab's dom0 has no dnsmasq, firewall or storage to give the
    # others, so only libxl's stays.
    find "$ROOT/usr/lib/x86_64-linux-gnu/libvirt/connection-driver" -name 'libvirt_driver_*.so' \
        ! -name libvirt_driver_libxl.so -delete
    rm -rf "$ROOT"/usr/share/{doc,man,info,locale} "$ROOT"/var/lib/apt/lists/*
    # Xen nested under TCG reports a CPU without VME, which every model of libvirt's CPU map names, and
    # libxl's driver refuses to start when it cannot name the host's CPU. A model of the two features the
    # oldest one (486) has besides VME lets it start; it only changes the model named in capabilities.
    cat >"$ROOT/usr/share/libvirt/cpu_map/x86_xenlab-nested.xml" <<'XML'
<cpus>
  <model name='xenlab-nested'>
    <decode host='on' guest='off'/>
    <feature name='fpu'/>
    <feature name='pse'/>
  </model>
</cpus>
XML
    sed -i "s|<include filename='x86_486.xml'/>|&\n    <include filename='x86_xenlab-nested.xml'/>|" \
        "$ROOT/usr/share/libvirt/cpu_map/index.xml"
    grep -q xenlab-nested "$ROOT/usr/share/libvirt/cpu_map/index.xml"
    # Root's own connections need no polkit (dom0 has no D-Bus): the lab's libvirtd reads this file.
    cat >"$ROOT/etc/libvirt/xenlab-libvirtd.conf" <<'CONF'
auth_unix_rw = "none"
auth_unix_ro = "none"
CONF
    touch "$ROOT/.done"
}
(set -e; build) >"$LOG" 2>&1 || { say "building the libvirt root failed; last lines of $LOG:"; tail -n 30 "$LOG" >&2; exit 1; }
echo "$ROOT"
