#if canImport(Glibc)
    import Glibc
#endif

/// A unix socket path as the kernel takes it (`sockaddr_un`), made once for everyone who connects or sends
/// to one: a leading "@" names the abstract namespace; a path too long for `sun_path` is refused.
public enum UnixSocketAddress {
    /// Calls `body` with the address and its length; nil (without calling it) when the path does not fit.
    public static func with<R>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R? {
        var path = path
        let abstract = path.hasPrefix("@")
        if abstract { path.removeFirst() }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let offset = abstract ? 1 : 0
        guard !bytes.isEmpty, !bytes.contains(0), bytes.count + offset < MemoryLayout.size(ofValue: address.sun_path) else {
            return nil
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index + offset] = byte }
        }
        // Abstract names count their bytes exactly; paths end at their NUL.
        let length = socklen_t(MemoryLayout<sa_family_t>.size + offset + bytes.count + (abstract ? 0 : 1))
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }

    /// A blocking, close-on-exec stream socket connected to `path`; nil with errno set when it cannot be.
    public static func connect(_ path: String) -> Int32? {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        let connected = with(path) { Glibc.connect(descriptor, $0, $1) == 0 }
        guard connected == true else {
            let code = connected == nil ? ENAMETOOLONG : errno
            close(descriptor)
            errno = code
            return nil
        }
        return descriptor
    }
}
