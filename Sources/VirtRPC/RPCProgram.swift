/// The RPC program numbers libvirt 9.0 speaks, and the one version every program has.
public enum RPCProgram {
    /// REMOTE (`0x20008086`): the hypervisor API on the main sockets.
    public static let remote: UInt32 = 0x2000_8086
    /// KEEPALIVE (`0x6b656570`, "keep"): PING and PONG on every connection.
    public static let keepalive: UInt32 = 0x6b65_6570
    /// QEMU (`0x20008087`): monitor and agent commands on the main sockets.
    public static let qemu: UInt32 = 0x2000_8087
    /// LXC (`0x00068000`).
    public static let lxc: UInt32 = 0x0006_8000
    /// ADMIN (`0x06900690`): the daemon's admin socket.
    public static let admin: UInt32 = 0x0690_0690
    /// Every program is at version 1.
    public static let version: UInt32 = 1
}
