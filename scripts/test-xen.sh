#!/usr/bin/env bash
# Stage 2 of the test command: xen:/// on a real Xen 4.17, the nested lab of docs/xen-lab.md.
# Builds the lab (cached), SwiftVirt's binaries for dom0 (Swift executables with the Swift runtime linked
# statically; libvirt.so with the runtime libraries beside it for the C program), fills a share with
# Tests/XenLab's dom0 scenario and runs it. Prints a summary; exits non-zero if anything failed.
# Usage: scripts/test-xen.sh [PHASE...]   (as root: the lab's build needs it; ~20 min, most of it TCG)
#        PHASE: swift, capi, virsh, virtd (Tests/XenLab/test.sh); all of them when none is given.
# Environment: XENLAB_TEST_TIMEOUT (s, default 1800), SWIFTVIRT_XENLAB (the lab's cache).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
# shellcheck source=scripts/xen-lab/lib.sh
source scripts/xen-lab/lib.sh

# Debug builds: stage 1 (swift test) has already built libvirt.so, and a debug build of the two static
# executables takes a fraction of a release build's time (scripts/bench-xen.sh measures release builds).
build_binaries() {
    local share="$1" static=(--static-swift-stdlib --scratch-path .build/xenlab)
    swift build "${static[@]}" --product virsh >&2
    swift build "${static[@]}" --product XenScenario >&2
    swift build "${static[@]}" --product swiftvirt-watch >&2
    swift build "${static[@]}" --product virtd >&2
    swift build --product virt >&2
    local bin debug
    bin=$(swift build "${static[@]}" --show-bin-path)
    debug=$(swift build --show-bin-path)
    mkdir -p "$share/bin" "$share/lib/swift"
    # Stripped: dom0's /scratch (320 MB of its 512 MB) holds a phase's binaries next to a 130 MB save image.
    strip -o "$share/bin/virsh" "$bin/virsh"
    strip -o "$share/bin/XenScenario" "$bin/XenScenario"
    strip -o "$share/bin/swiftvirt-watch" "$bin/swiftvirt-watch"
    strip -o "$share/bin/virtd" "$bin/virtd"
    cp "$debug/libvirt.so" "$share/lib/swift/"
    ln -sf libvirt.so "$share/lib/swift/libvirt.so.0"
    ldd "$debug/libvirt.so" | awk '$3 ~ "^/opt/swift/" { print $3 }' | xargs -r cp -t "$share/lib/swift/"
    strip --strip-unneeded "$share"/lib/swift/*.so*
    gcc -std=gnu11 -O2 -Wall -Wextra -Werror -o "$share/bin/xen_capi" Tests/XenLab/xen_capi.c \
        -I Sources/CLibvirt/include -L "$debug" -lvirt
    gcc -std=gnu11 -O2 -Wall -Wextra -Werror -o "$share/bin/libxl_json" Tests/XenLab/libxl_json.c \
        Sources/CXenLight/cxenlight.c -I Sources/CXenLight/include
    cp Tests/XenLab/test.sh Tests/XenLab/{virsh,kill,virtd}-scenario.sh "$share/"
    cp -r Tests/XenLab/goldens "$share/"
    # Debian's libvirt 9.0 for the virtd phase; a copy, not links, as its clients write into it.
    cp -a "$LIBVIRT_ROOT" "$share/libvirt-root"
}

# One line per front end: operations and checks passed, then every failure with its detail.
summarize() {
    local results="$1"
    awk '
        $1 == "XLRESULT" || $1 == "XLCHECK" {
            split($2, part, "."); fe = (part[1] ~ /^(swift|capi|virsh|virtd)$/) ? part[1] : "lab"
            total[fe]++
            failed = ($1 == "XLRESULT" && $3 != "rc=0") || ($1 == "XLCHECK" && $3 != "ok")
            if (failed) { bad[fe]++; lines[++n] = $0 }
        }
        $1 == "XLINFO" && $0 ~ / error: / { lines[++n] = $0 }
        END {
            for (fe in total) printf "  %-6s %3d steps, %d failed\n", fe, total[fe], bad[fe]
            for (i = 1; i <= n; i++) print "  FAILED " lines[i]
        }' "$results" | sort
}

main() {
    [ "$(id -u)" -eq 0 ] || die "run as root: the lab's images are built with debootstrap (scripts/xen-lab/build.sh)"
    require_commands gcc:gcc qemu-system-x86_64:qemu-system-x86
    [ -f /usr/include/libxl.h ] || die "libxl headers missing (apt-get install libxen-dev)"
    local share="$XENLAB/test-xen" t0 built status=0 phase
    for phase in "$@"; do
        case "$phase" in swift | capi | virsh | virtd) ;; *) die "unknown phase '$phase' (swift, capi, virsh, virtd)" ;; esac
    done
    t0=$(now_ms)
    scripts/xen-lab/build.sh >/dev/null
    LIBVIRT_ROOT=$(scripts/xen-lab/build-libvirt-root.sh)
    rm -rf "$share" && mkdir -p "$share"
    build_binaries "$share"
    echo "${*:-swift capi virsh virtd}" >"$share/phases"
    built=$(now_ms)
    scripts/xen-lab/run.sh "$share" "${XENLAB_TEST_TIMEOUT:-1800}" || status=$?

    echo "xen:/// on Xen 4.17 (nested lab, $(current_images)):"
    echo "  build $(((built - t0) / 1000)) s, lab run $((($(now_ms) - built) / 1000)) s"
    if [ -f "$share/results.txt" ]; then
        summarize "$share/results.txt"
        # A phase that printed nothing did not run: never a silent pass.
        for phase in $(cat "$share/phases"); do
            grep -aEq "^XL(RESULT|CHECK) $phase[. ]" "$share/results.txt" || { echo "  FAILED phase $phase did not run"; status=1; }
        done
        grep -a '^XLSUMMARY' "$share/results.txt" | sed 's/^/  /'
    else
        echo "  no results: the lab did not get to run the scenario (run.sh status $status)"
    fi
    echo "  share (logs, consoles, results): $share"
    return "$status"
}

main "$@"
