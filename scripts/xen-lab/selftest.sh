#!/usr/bin/env bash
# The lab's smoke test: builds the images if needed, boots the lab, runs selftest/test.sh in dom0
# (xl for every operation, plus probe/libxl-probe to show libxenlight works outside xl), and prints
# each operation's time. Exit status as run.sh's.
# Usage: selftest.sh [SHARE_DIR]   (default: <cache>/selftest, kept afterwards for inspection)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

main() {
    require_commands gcc:gcc
    [ -f /usr/include/libxl.h ] || die "libxl headers missing (apt-get install libxen-dev)"
    local share="${1:-$XENLAB/selftest}" t0 status=0
    t0=$(now_ms)
    if [ "$(id -u)" -eq 0 ]; then
        "$XENLAB_DIR/build.sh" >/dev/null
    else
        current_images >/dev/null || die "no lab images yet: run build.sh as root once"
    fi
    local build_ms=$(($(now_ms) - t0))

    rm -rf "$share" && mkdir -p "$share/bin"
    cp "$XENLAB_DIR/selftest/test.sh" "$share/test.sh"
    # Built against the host's libxen-dev, which is the same Debian 12 Xen 4.17 as dom0's libraries.
    gcc -O2 -Wall -o "$share/bin/libxl-probe" "$XENLAB_DIR/probe/libxl-probe.c" -lxenlight -lxentoollog
    "$XENLAB_DIR/run.sh" "$share" "${XENLAB_SELFTEST_TIMEOUT:-900}" || status=$?

    echo "xen-lab selftest ($(current_images)):"
    sed 's/^/  /' "$(current_images)/versions.txt"
    printf '  %-28s %8s\n' "build (cached or not)" "$build_ms ms"
    if [ -f "$share/logs/boot-times.txt" ]; then
        awk '{ printf "  boot: %-22s %8s s\n", $1, $2 }' "$share/logs/boot-times.txt"
    fi
    if [ -f "$share/results.txt" ]; then
        awk '$1 == "XLRESULT" { sub("rc=", "", $3); sub("ms=", "", $4); printf "  %-28s %8s ms%s\n", $2, $4, ($3 == 0 ? "" : "  rc=" $3) }
             $1 == "XLCHECK" && $3 != "ok" { print "  CHECK FAILED: " $0 }
             $1 == "XLINFO" || $1 == "XLSUMMARY" { print "  " $0 }' "$share/results.txt"
    fi
    echo "  share: $share"
    return "$status"
}

main "$@"
