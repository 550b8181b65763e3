import FoundationEssentials
public import VirtDriver
#if canImport(Glibc)
import Glibc
#endif

/// The remote driver's entry in a driver registry: it serves every URI with a transport or a host (and
/// `remote://`), as libvirt's remote driver does for a client outside the daemon.
public enum RemoteDriverFactory {
    /// The scheme the registry lists; `Connection.open` also routes every remote-looking URI here.
    public static let scheme = "remote"

    public static let connectDriver = connectDriver(options: RemoteOptions())

    /// A registry entry whose connections use `options` (keepalive, deadlines).
    public static func connectDriver(options: RemoteOptions) -> ConnectDriver {
        ConnectDriver(name: "remote", uriSchemes: [scheme]) { uri, readOnly throws(VirtError) in
            .opened(try await open(uri, readOnly: readOnly, options: options))
        }
    }

    /// Opens `uri` through the daemon it names.
    public static func open(_ uri: ConnectURI, readOnly: Bool, options: RemoteOptions = RemoteOptions()) async throws(VirtError) -> RemoteDriver {
        let remote = try RemoteURI(uri)
        let endpoint = try endpoint(for: remote, path: uri.path, readOnly: readOnly)
        return try await RemoteDriver.open(endpoint: endpoint, name: remote.openName, readOnly: readOnly, options: options)
    }

    /// Where the URI's transport goes. libssh and libssh2 (libvirt's in-process ssh libraries) are not spoken:
    /// they fail at once, never hang; `ssh` reaches the same hosts.
    static func endpoint(for remote: RemoteURI, path: String, readOnly: Bool) throws(VirtError) -> RemoteEndpoint {
        switch remote.transport {
        case .unix:
            if let socket = remote.clientParameters["socket"] { return .unix(path: socket) }
            let resolver = RemoteSocketPath(
                driver: remote.driver, path: path, readOnly: readOnly, mode: remote.clientParameters["mode"],
                userID: geteuid(), environment: ProcessInfo.processInfo.environment,
                fileExists: { FileManager.default.fileExists(atPath: $0) })
            return .unix(path: try resolver.resolve())
        case .tcp:
            return .tcp(host: remote.host ?? "localhost", port: remote.port ?? 16509)
        case .tls:
            let files = TLSFiles.locate(
                pkipath: remote.clientParameters["pkipath"], userID: geteuid(),
                home: ProcessInfo.processInfo.environment["HOME"],
                fileExists: { FileManager.default.fileExists(atPath: $0) })
            return .tls(host: remote.host ?? "localhost", port: remote.port ?? 16514, files: files,
                        verify: !remote.flag("no_verify"), sanityCheck: !remote.flag("no_sanity"))
        case .ssh:
            return .ssh(host: remote.host ?? "", command: try SSHCommand(remote, readOnly: readOnly))
        case .ext:
            guard let command = remote.clientParameters["command"] else {
                throw VirtError(.invalidArg, .remote, "remote_open: for 'ext' transport, command is required")
            }
            return .external(command: command)
        case .libssh, .libssh2:
            throw VirtError(.operationUnsupported, .remote,
                            "the '\(remote.transport.rawValue)' transport is not supported by SwiftVirt's remote driver; use ssh, unix, tcp, tls or ext")
        }
    }
}
