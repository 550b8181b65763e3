#!/usr/bin/env bash
# Boots the Xen lab in QEMU TCG and runs SHARE_DIR/test.sh in dom0, with SHARE_DIR as dom0's 9p share.
# Usage: run.sh SHARE_DIR [TIMEOUT_SECONDS]     (build the images first: build.sh, as root)
#
# Before booting it puts the lab's guest images in SHARE_DIR/guest/ (unless already there) and the
# dom0 helper libraries at SHARE_DIR/lib/{xenlab,libvirt-root}.sh, and empties SHARE_DIR/logs/ (and drops the previous
# run's serial.log, xenlab-status and results.txt).
# Afterwards SHARE_DIR holds: serial.log (host-timestamped serial console: Xen + dom0), xenlab-status
# (rc of test.sh), logs/{test.log, xl-dmesg.txt, dom0-dmesg.txt, boot-times.txt, console/guest-*.log},
# and whatever test.sh wrote (results.txt by convention).
# Exit status: 0 test.sh succeeded; 1 test.sh failed; 2 usage or setup error; 3 Xen or dom0 crashed;
# 4 hard timeout; 5 dom0 could not start the toolstack or mount the share.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# Serial lines that mean the run is lost: stop QEMU at once instead of waiting for the timeout.
FATAL_PATTERN='Kernel panic|Panic on CPU|Hardware Dom0 crashed|Hardware Dom0 shutdown|Attempted to kill init'

# smap=0 smep=0: with TCG's -cpu max, dom0 otherwise crashes at its first page fault.
# dom0_vcpus_pin keeps dom0 on pCPU 0: an HVM/PVH vCPU scheduled on dom0's pCPU corrupts dom0's user
# memory now and then under QEMU's nested SVM, so such guests must run with cpus="1" (docs/xen-lab.md).
XEN_ARGS="console=com1 com1=115200 dom0_mem=512M,max:512M dom0_max_vcpus=1 dom0_vcpus_pin smap=0 smep=0"
XEN_ARGS+=" loglvl=all guest_loglvl=all console_timestamps=boot noreboot ${XENLAB_XEN_EXTRA_ARGS:-}"
DOM0_ARGS="console=hvc0 loglevel=4 ${XENLAB_DOM0_EXTRA_ARGS:-}"

usage() { echo "usage: ${0##*/} SHARE_DIR [TIMEOUT_SECONDS]" >&2; exit 2; }

prepare_share() {
    mkdir -p "$SHARE/guest" "$SHARE/lib" "$SHARE/logs"
    rm -rf "${SHARE:?}/logs/"* "$SHARE/xenlab-status" "$SHARE/serial.log" "$SHARE/results.txt"
    [ -f "$SHARE/test.sh" ] || die "$SHARE/test.sh does not exist: it is what dom0 runs"
    [ -e "$SHARE/guest/vmlinux.gz" ] || cp "$IMAGES/domu-vmlinux.gz" "$SHARE/guest/vmlinux.gz"
    [ -e "$SHARE/guest/initrd.gz" ] || cp "$IMAGES/domu-initrd.gz" "$SHARE/guest/initrd.gz"
    cp "$XENLAB_DIR/dom0/xenlab.sh" "$XENLAB_DIR/dom0/libvirt-root.sh" "$SHARE/lib/"
}

# QEMU's multiboot loader splits -initrd at commas and a module's path from its arguments at spaces,
# so the images are reached through links with plain names.
link_images() {
    BOOT=$(mktemp -d /tmp/xenlab-boot.XXXXXX)
    ln -s "$IMAGES/xen.elf" "$BOOT/xen.elf"
    ln -s "$IMAGES/vmlinuz" "$BOOT/vmlinuz"
    ln -s "$IMAGES/dom0.cpio" "$BOOT/dom0.cpio"
}

start_qemu() {
    mkfifo "$BOOT/serial"
    # tb-size=256 keeps QEMU near 1.5 GB RSS (the 1 GiB default TCG cache doubles it).
    timeout --kill-after=10 "$TIMEOUT" qemu-system-x86_64 \
        -accel tcg,tb-size=256 -machine q35 -cpu "${XENLAB_QEMU_CPU:-max}" -smp 2 -m 1024 \
        -nographic -no-reboot -nic none -serial stdio -monitor none \
        -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
        -virtfs "local,path=$SHARE,mount_tag=share,security_model=none,id=share" \
        -kernel "$BOOT/xen.elf" -append "$XEN_ARGS" \
        -initrd "$BOOT/vmlinuz $DOM0_ARGS,$BOOT/dom0.cpio" \
        </dev/null >"$BOOT/serial" 2>"$SHARE/logs/qemu-stderr.txt" &
    QEMU_PID=$!
}

# Reads the serial console to its end: writes it to serial.log with seconds since QEMU started,
# records boot stages, and stops QEMU on a fatal line or once dom0 has reported its result.
watch_serial() {
    local line t stage
    FATAL="" DONE_RC="" LAB_ERROR=""
    exec 4>"$SHARE/serial.log" 5>"$SHARE/logs/boot-times.txt"
    while IFS= read -r line || [ -n "$line" ]; do
        # Xen's console ends lines with \r\r\n once dom0's hvc0 adds its own \r.
        while [[ "$line" == *$'\r' ]]; do line="${line%$'\r'}"; done
        t=$(($(now_ms) - T0))
        t=$(printf '%d.%03d' $((t / 1000)) $((t % 1000)))
        printf '[%9s] %s\n' "$t" "$line" >&4
        case "$line" in
            *"(XEN)"*Freed*"init memory"*) echo "xen-to-dom0 $t" >&5 ;;
            XENLAB-STAGE*) stage="${line#XENLAB-STAGE }"; echo "dom0-$stage $t" >&5 ;;
            XENLAB-ERROR*) LAB_ERROR="${line#XENLAB-ERROR }" ;;
            XENLAB-DONE\ rc=*)
                DONE_RC="${line#XENLAB-DONE rc=}"; echo "done $t" >&5
                # dom0 leaves through isa-debug-exit next; do not wait for the timeout if it cannot.
                (sleep 30; kill "$QEMU_PID" 2>/dev/null) &
                GRACE_PID=$!
                ;;
        esac
        if [ -z "$FATAL" ] && [[ "$line" =~ $FATAL_PATTERN ]]; then
            FATAL="$line"
            kill "$QEMU_PID" 2>/dev/null || true
        fi
    done <"$BOOT/serial"
    exec 4>&- 5>&-
}

fail() {
    local status="$1"; shift
    say "$*"
    say "last lines of $SHARE/serial.log:"
    tail -n 40 "$SHARE/serial.log" >&2
    if [ -s "$SHARE/logs/test.log" ]; then
        say "last lines of $SHARE/logs/test.log:"
        tail -n 20 "$SHARE/logs/test.log" >&2
    fi
    exit "$status"
}

main() {
    [ $# -ge 1 ] && [ $# -le 2 ] || usage
    SHARE="$(cd "$1" 2>/dev/null && pwd)" || die "share directory $1 does not exist"
    TIMEOUT="${2:-900}"
    [[ "$TIMEOUT" =~ ^[0-9]+$ ]] || usage
    case "$SHARE" in *[,\ ]*) die "the share path must not contain commas or spaces: $SHARE" ;; esac
    require_commands qemu-system-x86_64:qemu-system-x86 timeout:coreutils mkfifo:coreutils
    IMAGES=$(current_images) || die "no lab images in $XENLAB: run scripts/xen-lab/build.sh (as root) first"

    prepare_share
    link_images
    QEMU_PID="" GRACE_PID=""
    trap 'kill $QEMU_PID $GRACE_PID 2>/dev/null || true; rm -rf "$BOOT"' EXIT
    T0=$(now_ms)
    start_qemu
    watch_serial
    local qemu_status=0
    wait "$QEMU_PID" || qemu_status=$?
    local elapsed=$((($(now_ms) - T0) / 1000))

    [ -z "$FATAL" ] || fail 3 "fatal line on the serial console: $FATAL"
    [ -z "$LAB_ERROR" ] || fail 5 "dom0 setup failed: $LAB_ERROR"
    [ "$qemu_status" -ne 124 ] && [ "$qemu_status" -ne 137 ] || fail 4 "timed out after $TIMEOUT s"
    [ -n "$DONE_RC" ] || fail 3 "QEMU ended (status $qemu_status) before dom0 reported a result"
    [ "$DONE_RC" = 0 ] || fail 1 "test.sh failed (rc=$DONE_RC) after $elapsed s"
    say "test.sh passed in $elapsed s (boot stages, s: $(paste -sd' ' "$SHARE/logs/boot-times.txt"))"
}

main "$@"
