import FoundationEssentials
import Synchronization
public import VirtDriver
import VirtRPC

/// The remote driver: every operation of the driver table is one call (or, where libvirt's client does the
/// same, a few) to a libvirt daemon, libvirtd 9.0 or SwiftVirt's virtd alike. Errors the daemon raises come
/// back as VirtError with its code, domain and message. Opened by ``RemoteDriverFactory``.
public final class RemoteDriver: HypervisorDriver {
    /// The live session; replaced when a connection that keeps itself alive reconnects.
    private let current: Mutex<RemoteSession>
    /// How to open the session again (nil: the connection does not reconnect).
    let reopen: RemoteSessionRecipe?
    /// CONNECT_GET_TYPE, asked at open: the table's `connectGetType` cannot wait for the network.
    let hypervisorType: String
    /// Domain events from the server, published to every subscriber of this connection.
    let eventBus = DomainEventBus()
    /// The registration of this connection's event callbacks with the server, made once on first use.
    let eventRegistration = Mutex<Task<VirtError?, Never>?>(nil)
    /// The domains this connection was told about (events, lookups), for the resynchronisation.
    let knownDomains = Mutex<[UUID: DomainRef]>([:])
    let closed = Mutex(false)

    /// libvirt's client keeps a handle's id across a shutdown; only destroy resets it.
    public var shutdownUpdatesHandleID: Bool { false }

    init(session: RemoteSession, reopen: RemoteSessionRecipe?) {
        self.current = Mutex(session)
        self.reopen = reopen
        self.hypervisorType = session.hypervisorType
        startEventRouting(for: session)
    }

    /// The session calls go to now.
    var session: RemoteSession { current.withLock { $0 } }

    func replaceSession(_ session: RemoteSession) {
        current.withLock { $0 = session }
    }

    var client: RPCClient { session.client }

    /// The session's event loop: replies arrive there, so a waiting caller is best resumed there.
    public var preferredTaskExecutor: (any TaskExecutor)? { session.client.executor }

    var features: RemoteServerFeatures { session.features }

    public func connectClose() {
        guard markClosed() else { return }
        // Synchronous by contract (it runs from deinit): the goodbye goes out on its own task.
        Task { await sayGoodbye() }
    }

    /// Waits for the server's answer to CONNECT_CLOSE: a libvirt daemon lets its driver connection go (and
    /// test:///default returns to its default state when it was the last) before it answers.
    public func connectCloseAndWait() async {
        guard markClosed() else { return }
        await sayGoodbye()
    }

    /// Whether this call is the one that closes the connection.
    private func markClosed() -> Bool {
        closed.withLock { value in
            defer { value = true }
            return !value
        }
    }

    /// As libvirt's virConnectClose: UNREGISTER_CLOSE_CALLBACK and CONNECT_CLOSE, then the socket.
    private func sayGoodbye() async {
        let client = session.client
        if session.features.closeCallback { try? await client.call(.connectUnregisterCloseCallback, XDRVoid()) }
        try? await client.call(.connectClose, XDRVoid())
        client.close()
    }

    public func connectGetType() -> String { hypervisorType }

    /// Calls `procedure` with `args` and decodes the reply. While a connection that keeps itself alive is
    /// reconnecting, calls fail at once with the closed socket's error (never wait for the server).
    func call<Args: Encodable, Ret: Decodable>(
        _ procedure: RemoteProcedure, _ args: Args, returning: Ret.Type
    ) async throws(VirtError) -> Ret {
        try await client.call(procedure, args, returning: Ret.self)
    }

    /// Calls `procedure`, whose reply is empty.
    func call<Args: Encodable>(_ procedure: RemoteProcedure, _ args: Args) async throws(VirtError) {
        try await client.call(procedure, args)
    }
}

/// One connected, opened session with a daemon: its client and what the server announced.
struct RemoteSession: Sendable {
    let client: RPCClient
    let features: RemoteServerFeatures
    let hypervisorType: String
}

/// Everything needed to open a session again after the daemon or the network went away.
struct RemoteSessionRecipe: Sendable {
    let endpoint: RemoteEndpoint
    let name: String
    let readOnly: Bool
    let options: RemoteOptions
}

/// The optional protocol features a server announced through CONNECT_SUPPORTS_FEATURE.
struct RemoteServerFeatures: Sendable, Hashable {
    /// 10, PROGRAM_KEEPALIVE: the server answers PINGs (and pings us).
    var keepalive = false
    /// 14, REMOTE_EVENT_CALLBACK: events registered with 316 and delivered as 318-style messages.
    var eventCallback = false
    /// 15, REMOTE_CLOSE_CALLBACK: REGISTER_CLOSE_CALLBACK was sent.
    var closeCallback = false
}
