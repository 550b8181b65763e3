import NIOCore
import Synchronization
import Virt
import VirtRPC

/// One client of the daemon, as the procedures see it: the hypervisor connection CONNECT_OPEN made, whether
/// the client may change anything, and the way back to it for asynchronous messages (events).
final class DaemonClient: Sendable {
    /// Where the client came in: its socket decides read-only access and whether the transport is secure.
    struct Origin: Sendable {
        var readOnlySocket: Bool
        /// Unix sockets and TLS are secure; plain TCP is not (CONNECT_IS_SECURE).
        var secure: Bool
        /// Whether the client is known to be root (a unix peer with uid 0).
        var root: Bool
    }

    let origin: Origin
    let host: DaemonHost
    /// How the socket's clients authenticate (what AUTH_LIST answers).
    let authType: DaemonConfig.AuthMethod
    private let state = Mutex<State>(State())
    /// The client's event callbacks and the subscription feeding them.
    let events = Mutex<EventState>(EventState())

    struct EventState {
        var registrations = EventRegistrations()
        var subscription: Task<Void, Never>?
    }
    /// Sends an asynchronous MESSAGE packet to the client (events, the connection-closed message).
    let sendMessage: @Sendable (RPCHeader, ByteBuffer) -> Void

    private struct State {
        var connection: Connection?
        var readOnlyOpen = false
        var closeCallbackRegistered = false
    }

    init(origin: Origin, host: DaemonHost, authType: DaemonConfig.AuthMethod,
         sendMessage: @escaping @Sendable (RPCHeader, ByteBuffer) -> Void) {
        self.origin = origin
        self.host = host
        self.authType = authType
        self.sendMessage = sendMessage
    }

    /// Read-only: it came in on the read-only socket, or opened with VIR_CONNECT_RO.
    var isReadOnly: Bool { origin.readOnlySocket || state.withLock { $0.readOnlyOpen } }

    /// The open hypervisor connection (the dispatcher only runs calls that need one after CONNECT_OPEN).
    func connection() throws(VirtError) -> Connection {
        guard let connection = state.withLock({ $0.connection }) else {
            throw VirtError(.internalError, .rpc, "hypervisor connection not open")
        }
        return connection
    }

    /// CONNECT_OPEN: opens `name` with the daemon's drivers; read-only when the socket or the flags say so.
    func open(name: String, readOnlyFlag: Bool) async throws(VirtError) {
        let readOnly = origin.readOnlySocket || readOnlyFlag
        let connection = try await host.open(name, readOnly: readOnly)
        state.withLock {
            $0.connection = connection
            $0.readOnlyOpen = readOnlyFlag
        }
    }

    /// The domain a call names. libvirtd finds domains by UUID only; name and id travel along unchecked.
    func domain(_ remote: RemoteNonnullDomain) throws(VirtError) -> Domain {
        try connection().domain(remote.domainRef)
    }

    /// CONNECT_SUPPORTS_FEATURE: the RPC layer's own features are answered here, the rest by the driver.
    func supportsFeature(_ feature: Int32) throws(VirtError) -> Bool {
        switch feature {
        case RemoteFeature.programKeepalive:
            return true
        case RemoteFeature.remoteCloseCallback:
            _ = try connection()
            return true
        case RemoteFeature.remoteEventCallback:
            _ = try connection()
            return true
        case RemoteFeature.typedParamString:
            _ = try connection()
            return true
        default:
            _ = try connection()
            return false
        }
    }

    func setCloseCallback(_ registered: Bool) {
        state.withLock { $0.closeCallbackRegistered = registered }
    }

    /// Ends the client's hypervisor connection (CONNECT_CLOSE, or the socket closing).
    func close() {
        endEvents()
        let connection = state.withLock { state -> Connection? in
            defer { state.connection = nil }
            return state.connection
        }
        connection?.close()
    }
}
