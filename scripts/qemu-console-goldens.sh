#!/bin/bash
# qemu-console-goldens.sh: records what clients see of a real QEMU guest's serial console (a stream) through
# Debian's libvirtd 9.0, for the tests to compare virtd and SwiftVirt's remote driver with.
#
# Usage: sudo scripts/qemu-console-goldens.sh                  records both goldens in
#                                                              Tests/VirtDaemonTests/Fixtures/console:
#            console.out        python3-libvirt's streams (console.py: sessions, a forced takeover, the guest's
#                               end, finish and abort, errors)
#            virsh-session.out  Debian's virsh console on a terminal (virsh-session.py), ended by Ctrl-] and
#                               then by the guest's destruction
#        sudo scripts/qemu-console-goldens.sh --compare VIRSH  runs virsh-session.py with VIRSH (SwiftVirt's,
#                               through its remote driver) against a fresh libvirtd 9.0 and diffs it with
#                               virsh-session.out; exit 0 when they are the same
#
# The guest is guest.xml.in beside the goldens, with scripts/build-guest.sh's kernel and initrd. Outputs are
# "exit: N", "--- stdout ---", the output, "--- stderr ---", the errors, "--- end ---".
#
# It never uses a system libvirtd: as scripts/qemu-stats-goldens.sh, it starts its own /usr/sbin/libvirtd in
# a private mount and network namespace (scripts/lib/qemu-libvirtd.sh) and stops it however it ends.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
fixtures=$repo/Tests/VirtDaemonTests/Fixtures/console

die() { echo "qemu-console-goldens.sh: $*" >&2; exit 1; }

if [ "${QCG_INNER:-}" != 1 ]; then
    [ "$(id -u)" = 0 ] || die "must run as root (it mounts in a private namespace and runs libvirtd)"
    compare=
    if [ "${1:-}" = --compare ]; then
        compare=${2:-}
        [ -x "$compare" ] || die "--compare needs a virsh to run"
    fi
    guest=$("$here/build-guest.sh") || die "build-guest.sh failed"
    work=$(mktemp -d /tmp/qemu-console-goldens.XXXXXX)
    trap 'rm -rf "$work"' EXIT
    sed -e "s|@KERNEL@|$(echo "$guest" | sed -n 's/^kernel=//p')|" -e "s|@INITRD@|$(echo "$guest" | sed -n 's/^initrd=//p')|" \
        "$fixtures/guest.xml.in" >"$work/guest.xml"
    QCG_INNER=1 QCG_WORK=$work QCG_COMPARE=$compare unshare -mn --propagation private bash "$0"
    exit $?
fi

work=$QCG_WORK
. "$here/lib/qemu-libvirtd.sh"
trap qemu_libvirtd_stop EXIT
qemu_libvirtd_start "$work/daemon" || die "no private libvirtd"
# The unix transport spelled out: SwiftVirt's virsh runs qemu:///system itself, daemonless.
uri=${QEMU_LIBVIRTD_URI/qemu:/qemu+unix:}

run() { # $1 = output file, the rest = the command
    local out=$1 rc
    shift
    "$@" >"$work/stdout" 2>"$work/stderr"
    rc=$?
    {
        echo "exit: $rc"
        echo "--- stdout ---"
        cat "$work/stdout"
        echo "--- stderr ---"
        cat "$work/stderr"
        echo "--- end ---"
    } >>"$out"
}

sessions() { # $1 = virsh, $2 = output file
    : >"$2"
    for ending in escape destroy; do
        [ "$ending" = escape ] && { virsh -q -c "$uri" create "$work/guest.xml" >/dev/null || die "create failed"; }
        run "$2" /usr/bin/python3 "$fixtures/virsh-session.py" "$1" "$uri" cons "$ending"
    done
}

if [ -n "$QCG_COMPARE" ]; then
    sessions "$QCG_COMPARE" "$work/virsh-session.out"
    diff -u "$fixtures/virsh-session.out" "$work/virsh-session.out"
    exit $?
fi
: >"$work/console.out"
run "$work/console.out" /usr/bin/python3 "$fixtures/console.py" "$uri" "$work/guest.xml"
sessions /usr/bin/virsh "$work/virsh-session.out"
cp "$work/console.out" "$work/virsh-session.out" "$fixtures/"
echo "qemu-console-goldens.sh: wrote $fixtures/console.out and $fixtures/virsh-session.out"
