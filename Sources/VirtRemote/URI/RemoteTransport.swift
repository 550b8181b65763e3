import VirtModel

/// How the remote driver reaches the daemon, from the URI scheme's `+transport` part (libvirt's
/// remoteDriverTransport). No transport means TLS when the URI names a host, a unix socket otherwise.
enum RemoteTransport: String, Sendable, CaseIterable {
    case tls, unix, ssh, ext, tcp, libssh2, libssh

    init(uri: ConnectURI) throws(VirtError) {
        guard let name = uri.transport else {
            self = uri.host == nil ? .unix : .tls
            return
        }
        guard let transport = RemoteTransport(rawValue: name.lowercased()) else {
            throw VirtError(.invalidArg, .remote,
                            "transport in URL not recognised (should be tls|unix|ssh|ext|tcp|libssh2|libssh)")
        }
        self = transport
    }
}
