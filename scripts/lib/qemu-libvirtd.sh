# Sourced by root scripts that need Debian's libvirtd 9.0 with a working QEMU driver
# (scripts/qemu-event-goldens.sh, scripts/bench-watch.sh). The caller must already run in
# its own mount and network namespace (`unshare -mn --propagation private bash SCRIPT`):
# this never uses a system libvirtd. It mounts tmpfs over /run/libvirt, /var/lib/libvirt,
# /var/cache/libvirt and /var/log/libvirt, bind-mounts a private copy of /etc/libvirt whose
# qemu.conf runs QEMU as root with no security driver, cgroups, namespaces or virtlogd, and
# starts /usr/sbin/libvirtd with its own socket directory.
#
#   qemu_libvirtd_start WORK   does the above (config in WORK/etc, WORK/libvirtd.conf, sockets
#                              in WORK, log in WORK/libvirtd.log, output in WORK/libvirtd.out)
#                              and waits until it answers; returns 1 with a message on stderr
#                              if it does not. Sets QEMU_LIBVIRTD_PID (libvirtd itself) and
#                              QEMU_LIBVIRTD_URI (qemu:///system?socket=WORK/libvirt-sock).
#                              QEMU_LIBVIRTD_LOG_LEVEL (default 3) and QEMU_LIBVIRTD_LOG_FILTERS
#                              set libvirtd's logging.
#   qemu_libvirtd_stop         kills QEMU, then libvirtd, then any QEMU left, and unmounts;
#                              safe to call more than once (use it in an EXIT trap).
#   kill_wait PID              TERM, up to 5 s, then KILL.
#   kill_qemus                 kill_wait every QEMU of this mount namespace.
QEMU_LIBVIRTD_PID=
QEMU_LIBVIRTD_URI=
qemu_libvirtd_mounted=

kill_wait() { # $1 = pid: TERM, wait up to 5 s, then KILL
    local pid=$1 i
    kill -TERM "$pid" 2>/dev/null || return 0
    for i in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}

kill_qemus() {
    local f pid
    for f in /run/libvirt/qemu/*.pid; do
        [ -f "$f" ] || continue
        pid=$(cat "$f" 2>/dev/null) || continue
        [ -n "$pid" ] && kill_wait "$pid"
    done
    # Any QEMU left in this mount namespace (only the private libvirtd starts them here).
    local self_ns p
    self_ns=$(readlink /proc/self/ns/mnt)
    for p in /proc/[0-9]*; do
        pid=${p#/proc/}
        [ "$(cat "$p/comm" 2>/dev/null)" = qemu-system-x86 ] || continue
        [ "$(readlink "$p/ns/mnt" 2>/dev/null)" = "$self_ns" ] || continue
        kill_wait "$pid"
    done
}

qemu_libvirtd_start() {
    local work=$1 i
    local sock=$work/libvirt-sock
    if [ "$(readlink /proc/self/ns/mnt)" = "$(readlink /proc/1/ns/mnt)" ]; then
        echo "qemu-libvirtd.sh: not in a private mount namespace; refusing to mount over /run/libvirt" >&2
        return 1
    fi
    mkdir -p "$work/etc"
    cp -a /etc/libvirt/. "$work/etc/"
    rm -f "$work"/etc/qemu/networks/autostart/* "$work"/etc/qemu/*.xml "$work"/etc/qemu/autostart/* 2>/dev/null || true
    cat >"$work/etc/qemu.conf" <<'CONF'
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
cgroup_controllers = [ ]
namespaces = [ ]
stdio_handler = "file"
CONF
    cat >"$work/libvirtd.conf" <<CONF
unix_sock_dir = "$work"
unix_sock_rw_perms = "0700"
auth_unix_rw = "none"
auth_unix_ro = "none"
log_outputs = "${QEMU_LIBVIRTD_LOG_LEVEL:-3}:file:$work/libvirtd.log"
log_filters = "${QEMU_LIBVIRTD_LOG_FILTERS:-}"
CONF

    for d in /run/libvirt /var/lib/libvirt /var/cache/libvirt /var/log/libvirt; do
        mount -t tmpfs -o mode=0755 tmpfs "$d"
    done
    qemu_libvirtd_mounted=1
    mount --bind "$work/etc" /etc/libvirt
    mkdir -p /run/libvirt/qemu /var/lib/libvirt/qemu /var/cache/libvirt/qemu /var/log/libvirt/qemu
    ip link set lo up

    /usr/sbin/libvirtd -f "$work/libvirtd.conf" -p "$work/libvirtd.pid" >"$work/libvirtd.out" 2>&1 &
    QEMU_LIBVIRTD_PID=$!
    QEMU_LIBVIRTD_URI="qemu:///system?socket=$sock"
    for i in $(seq 100); do
        [ -S "$sock" ] && virsh -q -c "$QEMU_LIBVIRTD_URI" uri >/dev/null 2>&1 && return 0
        if ! kill -0 "$QEMU_LIBVIRTD_PID" 2>/dev/null; then
            echo "qemu-libvirtd.sh: libvirtd exited; see $work/libvirtd.out" >&2
            return 1
        fi
        sleep 0.1
    done
    echo "qemu-libvirtd.sh: libvirtd did not answer on $sock within 10 s; see $work/libvirtd.out" >&2
    return 1
}

qemu_libvirtd_stop() {
    kill_qemus
    if [ -n "$QEMU_LIBVIRTD_PID" ]; then
        kill_wait "$QEMU_LIBVIRTD_PID"
        wait "$QEMU_LIBVIRTD_PID" 2>/dev/null || true
        QEMU_LIBVIRTD_PID=
    fi
    kill_qemus
    if [ -n "$qemu_libvirtd_mounted" ]; then
        umount /etc/libvirt
        umount /run/libvirt /var/lib/libvirt /var/cache/libvirt /var/log/libvirt
        qemu_libvirtd_mounted=
    fi
}
