/// Where a client connection goes: a unix socket path, a host and port over plain TCP, or over TLS with the
/// x509 files libvirt's rules pick (`verify` false for `no_verify=1`, `sanityCheck` false for `no_sanity=1`).
enum RemoteEndpoint: Sendable, Hashable, CustomStringConvertible {
    case unix(path: String)
    case tcp(host: String, port: Int)
    case tls(host: String, port: Int, files: TLSFiles, verify: Bool, sanityCheck: Bool)
    /// Through an ssh client's standard input and output (``SSHCommand``).
    case ssh(host: String, command: SSHCommand)
    /// Through a program's standard input and output (the `ext` transport's `command=`, run with no arguments).
    case external(command: String)

    var description: String {
        switch self {
        case .unix(let path): path
        case .tcp(let host, let port), .tls(let host, let port, _, _, _): "\(host):\(port)"
        case .ssh(let host, _): host
        case .external(let command): command
        }
    }
}
