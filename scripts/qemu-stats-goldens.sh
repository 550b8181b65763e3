#!/bin/bash
# qemu-stats-goldens.sh: records what Debian's virsh 9.0 prints for the statistics of a real QEMU guest (TCG)
# run by Debian's libvirt 9.0 QEMU driver, for QEMUStatisticsGoldenTests to compare SwiftVirt's with.
#
# Usage: sudo scripts/qemu-stats-goldens.sh [OUTFILE]   (default Tests/VirtQEMUTests/Fixtures/stats/virsh.out)
#
# The guest is Tests/VirtQEMUTests/Fixtures/stats/guest.xml.in (scripts/build-guest.sh's kernel and initrd,
# a disk, a user-mode NIC, a virtio balloon); the steps are steps.txt beside it. Each step's output is
# written as "$ <step>\nexit: N\n--- stdout ---\n...--- stderr ---\n...", masked: the work directory reads
# @DIR@, and a number ending a line reads N unless it is state.state, state.reason, balloon.current,
# balloon.maximum, the balloon's "actual", a block or net count, or a disk's backingIndex, capacity or
# physical size (counters, times and the guest's own figures vary run to run).
#
# It never uses a system libvirtd: as scripts/qemu-event-goldens.sh, it starts its own /usr/sbin/libvirtd in
# a private mount and network namespace (scripts/lib/qemu-libvirtd.sh) and stops it however it ends.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
fixtures=$repo/Tests/VirtQEMUTests/Fixtures/stats

die() { echo "qemu-stats-goldens.sh: $*" >&2; exit 1; }

# The masks; QEMUStatisticsGoldenTests applies the same.
mask() { # $1 = work dir
    sed -E -e "s|$1|@DIR@|g" \
        -e '/^(  state\.(state|reason)=|  balloon\.(current|maximum)=|actual |  (block|net)\.count=|  block\.[0-9]+\.(backingIndex|capacity|physical)=)/!s/([ =])[0-9]+$/\1N/'
}

if [ "${QSG_INNER:-}" != 1 ]; then
    [ "$(id -u)" = 0 ] || die "must run as root (it mounts in a private namespace and runs libvirtd)"
    out=${1:-$fixtures/virsh.out}
    guest=$("$here/build-guest.sh") || die "build-guest.sh failed"
    work=$(mktemp -d /tmp/qemu-stats-goldens.XXXXXX)
    trap 'rm -rf "$work"' EXIT
    QSG_INNER=1 QSG_WORK=$work QSG_OUT=$out \
        QSG_KERNEL=$(echo "$guest" | sed -n 's/^kernel=//p') QSG_INITRD=$(echo "$guest" | sed -n 's/^initrd=//p') \
        unshare -mn --propagation private bash "$0"
    exit $?
fi

work=$QSG_WORK
. "$here/lib/qemu-libvirtd.sh"
trap qemu_libvirtd_stop EXIT
qemu_libvirtd_start "$work/daemon" || die "no private libvirtd"
uri=$QEMU_LIBVIRTD_URI
truncate -s 8M "$work/disk.img"
sed -e "s|@KERNEL@|$QSG_KERNEL|" -e "s|@INITRD@|$QSG_INITRD|" -e "s|@DIR@|$work|g" "$fixtures/guest.xml.in" >"$work/guest.xml"
virsh -q -c "$uri" define "$work/guest.xml" >/dev/null || die "define failed"

result=$work/result
: >"$result"
grep -v '^#' "$fixtures/steps.txt" | while IFS= read -r step; do
    if [ "$step" = ready ]; then
        for _ in $(seq 600); do
            grep -q SWIFTVIRT-GUEST-READY "$work/serial.log" 2>/dev/null && break
            sleep 0.1
        done
        grep -q SWIFTVIRT-GUEST-READY "$work/serial.log" || die "the guest never got ready"
        sleep 2
        continue
    fi
    command=${step//@DIR@/$work}
    [ "$step" = start ] && command="start st"
    virsh -c "$uri" "$command" >"$work/stdout" 2>"$work/stderr"
    rc=$?
    {
        echo "\$ $step"
        echo "exit: $rc"
        echo "--- stdout ---"
        mask "$work" <"$work/stdout"
        echo "--- stderr ---"
        mask "$work" <"$work/stderr"
    } >>"$result"
done
cp "$result" "$QSG_OUT"
echo "qemu-stats-goldens.sh: wrote $QSG_OUT"
