#if canImport(Glibc)
    import Glibc
#endif

/// systemd socket activation: the sockets systemd opened for the daemon (LISTEN_PID, LISTEN_FDS, from
/// descriptor 3 on). A unix socket whose path ends in "-ro" is the read-only one, as with libvirtd's units.
public enum SocketActivation {
    public struct Socket: Sendable, Equatable {
        public var descriptor: Int32
        /// The unix socket's path, or nil for another kind of socket.
        public var path: String?
    }

    /// The passed sockets, or [] when the daemon was not socket-activated (or the variables are for another
    /// process). The variables are removed so children do not inherit them.
    public static func inheritedSockets(environment: [String: String]) -> [Socket] {
        defer {
            unsetenv("LISTEN_PID")
            unsetenv("LISTEN_FDS")
            unsetenv("LISTEN_FDNAMES")
        }
        guard let pid = environment["LISTEN_PID"].flatMap({ Int32($0) }), pid == getpid(),
              let count = environment["LISTEN_FDS"].flatMap({ Int32($0) }), count > 0, count < 1024 else {
            return []
        }
        return (0..<count).map { offset in
            let descriptor = 3 + offset
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            return Socket(descriptor: descriptor, path: unixPath(of: descriptor))
        }
    }

    private static func unixPath(of descriptor: Int32) -> String? {
        var address = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let result = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard result == 0, address.sun_family == sa_family_t(AF_UNIX) else { return nil }
        return withUnsafeBytes(of: address.sun_path) { raw in
            let bytes = raw.prefix(while: { $0 != 0 })
            return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
        }
    }
}
