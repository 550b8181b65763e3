# Sourced by the benchmark scripts: a fresh, private libvirtd 9.0 (../shared/reference/private-libvirtd.md),
# with its own socket directory, in a private mount and network namespace, never the system daemon.
#   start_private_libvirtd DIR      starts it in the background with its sockets in DIR (waits for them);
#                                   sets PRIVATE_LIBVIRTD_PID (the unshare wrapper, which exec's libvirtd)
start_private_libvirtd() {
    local dir=$1
    mkdir -p "$dir"
    cat > "$dir/libvirtd.conf" <<CONF
unix_sock_dir = "$dir"
unix_sock_rw_perms = "0777"
auth_unix_rw = "none"
auth_unix_ro = "none"
max_client_requests = 16
CONF
    unshare -mn --propagation private bash -c "
      mount -t tmpfs tmpfs /run; mkdir -p /run/libvirt; mount -t tmpfs tmpfs /var/lib/libvirt
      mount -t tmpfs tmpfs /var/cache/libvirt; ip link set lo up
      exec /usr/sbin/libvirtd -f $dir/libvirtd.conf" 2>/dev/null &
    PRIVATE_LIBVIRTD_PID=$!
    for _ in $(seq 100); do [ -S "$dir/libvirt-sock" ] && break; sleep 0.1; done
}
