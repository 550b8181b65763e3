import CVirtOS
#if canImport(Glibc)
import Glibc
#endif

/// Host network interfaces: names in use, bridges, and putting a tap on a bridge.
public enum NetworkInterfaces {
    public static func names() -> Set<String> {
        Set(Paths.contents(of: "/sys/class/net"))
    }

    public static func isBridge(_ name: String) -> Bool {
        Paths.isDirectory("/sys/class/net/\(name)/bridge")
    }

    /// Adds `port` to `bridge` and brings `port` up.
    public static func attach(_ port: String, toBridge bridge: String) throws(SystemCallError) {
        if cvirtos_bridge_add_port(bridge, port) != 0 {
            throw SystemCallError(.ioctl, "add \(port) to bridge \(bridge)", errno: errno)
        }
        if cvirtos_interface_up(port) != 0 {
            throw SystemCallError(.ioctl, "bring \(port) up", errno: errno)
        }
    }

    /// Whether a TCP port on `address` (IPv4 dotted or "::1"-style IPv6) is free to listen on.
    public static func isTCPPortFree(_ port: Int, address: String = "127.0.0.1") -> Bool {
        let family = address.contains(":") ? AF_INET6 : AF_INET
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if family == AF_INET {
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, address, &addr.sin_addr)
            return withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
        }
        var addr = sockaddr_in6()
        addr.sin6_family = sa_family_t(AF_INET6)
        addr.sin6_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET6, address, &addr.sin6_addr)
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0 }
        }
    }
}
