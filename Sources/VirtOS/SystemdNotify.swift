#if canImport(Glibc)
    import Glibc
#endif

/// systemd's readiness protocol (`Type=notify`): one datagram "READY=1" to `$NOTIFY_SOCKET`, sent once
/// the daemon serves. Nothing happens when systemd did not start the process.
public enum SystemdNotify {
    public static func ready(environment: [String: String]) {
        guard let path = environment["NOTIFY_SOCKET"], !path.isEmpty else { return }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let message = Array("READY=1".utf8)
        _ = UnixSocketAddress.with(path) { target, length in
            message.withUnsafeBytes { sendto(descriptor, $0.baseAddress, $0.count, 0, target, length) }
        }
    }
}
