#if canImport(Glibc)
    import Glibc
#endif
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization
import Virt
import VirtOS
import VirtRPC

/// virtd: serves libvirt's RPC protocol on its sockets, hosting the same drivers as the daemonless front
/// ends. `start` binds every socket (or takes the ones systemd passed), `shutDown` stops accepting and
/// waits for the calls in flight; guests keep running.
public final class Daemon: Sendable {
    /// Why the daemon cannot start, worded for the operator.
    public struct StartError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    let config: DaemonConfig
    let host: DaemonHost
    let table: ProcedureTable
    let group: any EventLoopGroup
    let drain = DrainSignal()
    /// The listening sockets, with the path of each unix socket the daemon bound itself (removed at exit).
    private let servers = Mutex<[(channel: any Channel, ownedPath: String?)]>([])

    public init(config: DaemonConfig, drivers: DriverRegistry = .builtin,
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.config = config
        self.host = DaemonHost(drivers: drivers)
        self.table = ProcedureTable.daemon
        self.group = group
    }

    /// Binds and serves every listener. A unix socket where a live daemon already answers is refused,
    /// naming it; a stale socket file left by a daemon that died is replaced.
    public func start(_ listeners: [Listener]) async throws(StartError) {
        // The x509 files are read once, before any socket is bound: a bad file stops the start, named.
        let tls = try listeners.contains(where: \.tls) ? TLSServerCredentials(config: config) : nil
        for listener in listeners {
            do {
                let channel = try await bind(listener, tls: tls)
                let owned: String? = if case .unix(let path) = listener.endpoint { path } else { nil }
                servers.withLock { $0.append((channel, owned)) }
            } catch let error as StartError {
                await closeServers()
                throw error
            } catch {
                await closeServers()
                throw StartError(description: "cannot listen on \(listener): \(error)")
            }
        }
    }

    private func bind(_ listener: Listener, tls: TLSServerCredentials?) async throws -> any Channel {
        let bootstrap = serverBootstrap(for: listener, tls: listener.tls ? tls : nil)
        switch listener.endpoint {
        case .unix(let path):
            try await prepareUnixSocket(path)
            // Bound under a staging name and renamed into place once its group and mode are set: a client
            // (or a test) that finds the socket answering finds it as configured.
            let staging = Paths.directory(of: path) + "/.virtd-\(getpid())"
            try? Paths.remove(staging)
            let channel = try await bootstrap.bind(unixDomainSocketPath: staging).get()
            do {
                try applyPermissions(staging, named: path, listener)
                guard rename(staging, path) == 0 else {
                    throw StartError(description: "Failed to move socket into place at '\(path)': \(String(cString: strerror(errno)))")
                }
            } catch {
                try? await channel.close()
                try? Paths.remove(staging)
                throw error
            }
            return channel
        case .tcp(let host, let port):
            return try await bootstrap.bind(host: host, port: port).get()
        case .inherited(let descriptor, _):
            return try await bootstrap.withBoundSocket(descriptor).get()
        }
    }

    private func serverBootstrap(for listener: Listener, tls: TLSServerCredentials?) -> ServerBootstrap {
        let origin = DaemonClient.Origin(readOnlySocket: listener.readOnly, secure: listener.secure, root: false)
        let policy = TLSClientGate.Policy(
            verify: !config.tlsNoVerifyCertificate, allowed: config.tlsAllowedDNList.map(AllowedNames.init(patterns:)),
            revokedSerials: tls?.revokedSerials ?? [])
        return ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.autoRead, value: true)
            // One read per wakeup: a client waits for each reply, so a second read would only meet EAGAIN.
            .childChannelOption(.maxMessagesPerRead, value: 1)
            .childChannelInitializer { [self] channel in
                if let tls {
                    do {
                        let gate = TLSClientGate(policy: policy)
                        // The callback form lets the handshake finish and the gate decide, as libvirtd does.
                        let ssl = try NIOSSLServerHandler(context: tls.context, verificationCallback: gate.verificationCallback)
                        try channel.pipeline.syncOperations.addHandlers(ssl, gate)
                    } catch {
                        return channel.close()
                    }
                }
                return accept(channel, origin: origin, auth: listener.auth)
            }
    }

    private func accept(_ channel: any Channel, origin: DaemonClient.Origin, auth: DaemonConfig.AuthMethod) -> EventLoopFuture<Void> {
        guard !drain.isDraining, drain.clientCount < config.maxClients else {
            return channel.close()
        }
        let client = DaemonClient(origin: origin, host: host, authType: auth) { [channel] header, payload in
            var frame = channel.allocator.buffer(capacity: 28 + payload.readableBytes)
            RPCFrameEncoder.encode(header: header, payload: payload, into: &frame)
            channel.writeAndFlush(frame, promise: nil)
        }
        let machine = ClientStateMachine(table: table, maxRequests: config.maxClientRequests,
                                         needsAuthentication: auth != .none)
        let handler = RPCServerHandler(
            machine: machine, client: client,
            keepalive: .init(interval: config.keepaliveInterval, count: config.keepaliveCount), draining: drain)
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RPCFrameDecoder()))
            try channel.pipeline.syncOperations.addHandler(handler)
        }
    }

    /// Refuses a socket a live daemon answers on; removes one nobody answers on (left by a crash).
    private func prepareUnixSocket(_ path: String) async throws {
        try? Paths.makeDirectories(Paths.directory(of: path), mode: 0o755)
        guard Paths.exists(path) else { return }
        let probe = ClientBootstrap(group: group).connectTimeout(.seconds(2))
        if let channel = try? await probe.connect(unixDomainSocketPath: path).get() {
            try? await channel.close()
            throw StartError(description: "Failed to bind socket to '\(path)': another daemon is already running there")
        }
        try Paths.remove(path)
    }

    /// Sets the group and mode of the socket file `file`, which will be `path`.
    private func applyPermissions(_ file: String, named path: String, _ listener: Listener) throws {
        if let group = listener.group {
            guard let entry = getgrnam(group) else {
                throw StartError(description: "Failed to look up group '\(group)' for \(path)")
            }
            guard chown(file, uid_t.max, entry.pointee.gr_gid) == 0 else {
                throw StartError(description: "Failed to change group ID of '\(path)' to \(group): \(String(cString: strerror(errno)))")
            }
        }
        if let mode = listener.permissions, chmod(file, mode_t(mode)) != 0 {
            throw StartError(description: "Failed to change permissions of '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    /// Stops accepting, lets every client's calls in flight finish, then returns (SIGTERM's handling).
    public func shutDown() async {
        await closeServers()
        drain.drain()
        await drain.waitUntilEmpty()
    }

    private func closeServers() async {
        let bound = servers.withLock { servers -> [(channel: any Channel, ownedPath: String?)] in
            defer { servers = [] }
            return servers
        }
        for server in bound {
            try? await server.channel.close()
            if let path = server.ownedPath { try? Paths.remove(path) }
        }
    }
}
