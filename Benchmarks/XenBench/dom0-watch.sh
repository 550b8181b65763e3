#!/bin/bash
# What watching running domains costs on a real Xen, in the lab's dom0 (run by scripts/bench-xen-watch.sh),
# for the three toolstacks that act when a guest stops by itself:
#   xl       its background process, one per domain `xl create` starts (it destroys the powered-off guest)
#   swiftvirt  swiftvirt-watch, the one per-host watcher our virsh starts when a domain runs
#   libvirt  libvirtd 9.0 with its libxl driver (the share's libvirt root, Debian's virsh as its client)
# Prints "XLWATCH <tool> <measure> <value>" lines into <share>/bench.txt:
#   gone-ms    from the power-off request (the guest is asked through xenstore by `xl shutdown`, so its part
#              is the same whoever watches it) to the domain gone from Xen (its xenstore directory removed);
#              polled, so up to one poll (a few tens of ms under TCG) late
#   event-ms   from the same moment to the "Stopped Shutdown" a `virsh event --timestamp` subscriber prints
#   rss1-kib / rss3-kib   resident memory of the watching with 1, then 3 guests running (xl: the sum of its
#              background processes; swiftvirt: swiftvirt-watch; libvirt: libvirtd)
set -u
# shellcheck source=scripts/xen-lab/dom0/xenlab.sh
. "$XENLAB_SHARE/lib/xenlab.sh"
# shellcheck source=scripts/xen-lab/dom0/libvirt-root.sh
. "$XENLAB_SHARE/lib/libvirt-root.sh"
S=$XENLAB_SCRATCH
RUNS=${BENCH_RUNS:-3}
cp "$XENLAB_GUEST/vmlinux.gz" "$XENLAB_GUEST/initrd.gz" "$S/"
mkdir -p "$S/bin" && cp "$XENLAB_SHARE/bin/"* "$S/bin/"
out="$XENLAB_SHARE/bench.txt"
: >"$out"
export LIBVIRT_DEFAULT_URI=xen:///system

# The summed VmRSS of the given pids.
rss_kib() {
    local pid files=()
    for pid in "$@"; do files+=("/proc/$pid/status"); done
    [ ${#files[@]} -gt 0 ] || { echo 0; return; }
    awk '/^VmRSS:/ { s += $2 } END { print s + 0 }' "${files[@]}" 2>/dev/null
}
record() { echo "XLWATCH $*" | tee -a "$out"; }

# Guests keep off dom0's pCPU 0 (docs/xen-lab.md); 96 MiB each, so three fit beside dom0.
xl_cfg() {
    cat <<CFG
name = "$1"
type = "pv"
kernel = "$S/vmlinux.gz"
ramdisk = "$S/initrd.gz"
extra = "console=hvc0 loglevel=4"
memory = 96
vcpus = 1
cpus = "1"
on_poweroff = "destroy"
CFG
}
guest_xml() { xenlab_guest_xml "$1" xen 1 1 | sed "s|<memory unit='MiB'>128</memory>|<memory unit='MiB'>96</memory>|"; }

# Starts guest NAME with TOOL and waits until it runs its userspace.
start_guest() {
    local tool="$1" name="$2"
    case "$tool" in
        xl) xl_cfg "$name" >"$S/$name.cfg" && xl create -q "$S/$name.cfg" ;;
        swiftvirt) guest_xml "$name" >"$S/$name.xml" && "$S/bin/virsh" create "$S/$name.xml" ;;
        libvirt) guest_xml "$name" >"$S/$name.xml" && libvirt_root_run virsh create "$S/$name.xml" ;;
    esac >/dev/null 2>&1 || { echo "XLWATCH-FAIL $tool start $name" >>"$out"; return 1; }
    xenlab_wait_console "$name" XENLAB-GUEST-READY 120
}

destroy_guest() {
    case "$1" in
        xl) xl destroy "$2" ;;
        swiftvirt) "$S/bin/virsh" destroy "$2" ;;
        libvirt) libvirt_root_run virsh destroy "$2" ;;
    esac >/dev/null 2>&1
}

# Asks NAME to power off and prints "<ms to gone> <epoch ms of the request>".
power_off_timed() {
    local name="$1" id t0 now
    id=$(xl domid "$name")
    t0=$(xenlab_now_ms)
    xl shutdown "$name" >/dev/null 2>&1
    while :; do
        now=$(xenlab_now_ms)
        if ! xenstore-exists "/local/domain/$id" 2>/dev/null; then
            echo "$((now - t0)) $t0"
            return 0
        fi
        [ $((now - t0)) -lt 60000 ] || { echo "- $t0"; return 1; }
    done
}

# The epoch ms of the first "Stopped Shutdown" for NAME in a `virsh event --timestamp` transcript.
stopped_event_ms() {
    local line
    line=$(grep -a "for domain '$1': Stopped Shutdown" "$2" | head -n 1)
    [ -n "$line" ] || return 1
    # "2026-12-07 16:40:00.123+0000: event 'lifecycle' ..."
    date -d "$(echo "$line" | cut -d' ' -f1,2 | sed 's/+0000:$/ UTC/; s/:$//')" +%s%3N
}

watcher_pids() {
    case "$1" in
        xl) pgrep -f "^xl create" ;;
        swiftvirt) pgrep -x swiftvirt-watch ;;
        libvirt) pgrep -x libvirtd ;;
    esac
}

bench_tool() {
    local tool="$1" run events="" epid="" gone t0 ev
    case "$tool" in
        swiftvirt) events="$S/bin/virsh" ;;
        libvirt) libvirt_root_start_libvirtd || { echo "XLWATCH-FAIL libvirt libvirtd" >>"$out"; return; }
                 libvirt_root_virsh_wrapper "$S/bin/debian-virsh"; events="$S/bin/debian-virsh" ;;
    esac
    for run in $(seq "$RUNS"); do
        if [ -n "$events" ]; then
            "$events" event --all --loop --timestamp >"$XENLAB_LOGS/watch-events-$tool-$run.txt" 2>&1 &
            epid=$!
            sleep 10
        fi
        start_guest "$tool" "w-$tool" || break
        sleep 2
        read -r gone t0 < <(power_off_timed "w-$tool")
        record "$tool gone-ms $gone"
        if [ -n "$events" ]; then
            sleep 2
            kill "$epid" 2>/dev/null; wait "$epid" 2>/dev/null
            ev=$(stopped_event_ms "w-$tool" "$XENLAB_LOGS/watch-events-$tool-$run.txt") &&
                record "$tool event-ms $((ev - t0))" || echo "XLWATCH-FAIL $tool event $run" >>"$out"
        fi
        xenlab_wait_gone "w-$tool" 30
    done
    local n
    start_guest "$tool" "m-$tool-1" || return
    sleep 3
    record "$tool rss1-kib $(rss_kib $(watcher_pids "$tool"))"
    for n in 2 3; do start_guest "$tool" "m-$tool-$n" || return; done
    sleep 3
    record "$tool rss3-kib $(rss_kib $(watcher_pids "$tool"))"
    for n in 1 2 3; do destroy_guest "$tool" "m-$tool-$n"; done
    sleep 2
    [ "$tool" != libvirt ] || libvirt_root_stop_libvirtd
}

libvirt_root_mount
bench_tool xl
bench_tool swiftvirt
bench_tool libvirt
xl list >>"$XENLAB_LOGS/ops.log"
