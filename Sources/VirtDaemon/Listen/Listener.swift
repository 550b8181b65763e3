/// One socket the daemon serves: where it is, whether it is read-only, and how its clients authenticate.
public struct Listener: Sendable, Equatable, CustomStringConvertible {
    public enum Endpoint: Sendable, Equatable {
        case unix(path: String)
        case tcp(host: String, port: Int)
        /// A socket systemd opened and passed to the daemon (socket activation); `name` is its address.
        case inherited(descriptor: Int32, name: String)
    }

    public var endpoint: Endpoint
    public var readOnly: Bool
    public var auth: DaemonConfig.AuthMethod
    /// Plain TCP is not secure (CONNECT_IS_SECURE 0); unix sockets and TLS are.
    public var secure: Bool
    /// TLS with x509 certificates (`listen_tls`): the connection starts with the handshake.
    public var tls = false
    /// The mode and group a unix socket gets once bound.
    public var permissions: UInt32?
    public var group: String?

    public var description: String {
        switch endpoint {
        case .unix(let path): path
        case .tcp(let host, let port): "\(tls ? "tls" : "tcp") \(host):\(port)"
        case .inherited(let descriptor, let name): "\(name) (fd \(descriptor))"
        }
    }

    /// The sockets a configuration asks for: libvirt-sock and libvirt-sock-ro in `unix_sock_dir`, and with
    /// `--listen` TLS when `listen_tls = 1` (libvirtd's default) and plain TCP when `listen_tcp = 1`.
    public static func planned(by config: DaemonConfig, listen: Bool) -> [Listener] {
        var result = [
            Listener(endpoint: .unix(path: config.unixSocketDirectory + "/libvirt-sock"), readOnly: false,
                     auth: config.authUnixReadWrite, secure: true,
                     permissions: config.unixSocketReadWritePermissions, group: config.unixSocketGroup),
            Listener(endpoint: .unix(path: config.unixSocketDirectory + "/libvirt-sock-ro"), readOnly: true,
                     auth: config.authUnixReadOnly, secure: true,
                     permissions: config.unixSocketReadOnlyPermissions, group: config.unixSocketGroup),
        ]
        if listen && config.listenTLS, let port = Int(config.tlsPort) {
            var tls = Listener(endpoint: .tcp(host: config.listenAddress ?? "0.0.0.0", port: port), readOnly: false,
                               auth: config.authTLS, secure: true, permissions: nil, group: nil)
            tls.tls = true
            result.append(tls)
        }
        if listen && config.listenTCP, let port = Int(config.tcpPort) {
            result.append(Listener(endpoint: .tcp(host: config.listenAddress ?? "0.0.0.0", port: port), readOnly: false,
                                   auth: config.authTCP, secure: false, permissions: nil, group: nil))
        }
        return result
    }
}
