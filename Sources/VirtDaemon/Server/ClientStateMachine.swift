import NIOCore
import VirtModel
import VirtRPC

/// The protocol of one client connection as pure state: what each incoming packet means before any driver is
/// asked (libvirtd's answers to keepalive, bad programs, unknown procedures, calls before authentication or
/// before CONNECT_OPEN), how many calls run at once (`max_client_requests`; the rest wait in order), and when
/// the connection ends. `RPCServerHandler` carries out the actions; the procedures themselves live in
/// ``ProcedureTable``.
struct ClientStateMachine {
    enum Action {
        /// Nothing to do (a PONG, a packet libvirtd ignores).
        case none
        /// Answer a keepalive PING.
        case pong
        /// Reply to the call with this error, without running anything.
        case replyError(RPCHeader, VirtError)
        /// Run the procedure now.
        case run(RPCPacket, ProcedureTable.Entry)
        /// Data, a finish or an abort for a stream a call opened (``DaemonStreams``).
        case stream(RPCPacket)
        /// The call waits until an earlier one finishes.
        case queued
        /// The peer broke the protocol: close without a reply.
        case close
    }

    enum Phase: Equatable {
        /// Before CONNECT_OPEN succeeded.
        case unopened
        /// CONNECT_OPEN is running.
        case opening
        case open
        /// CONNECT_CLOSE was answered: the socket closes once nothing is in flight.
        case closing
    }

    let table: ProcedureTable
    let maxRequests: Int
    private(set) var authenticated: Bool
    private(set) var phase: Phase = .unopened
    private(set) var inFlight = 0
    private var waiting: [(RPCPacket, ProcedureTable.Entry)] = []
    /// The client asked about PROGRAM_KEEPALIVE, so the daemon may ping it (libvirtd's rule).
    private(set) var keepaliveRequested = false

    init(table: ProcedureTable, maxRequests: Int, needsAuthentication: Bool) {
        self.table = table
        self.maxRequests = max(1, maxRequests)
        self.authenticated = !needsAuthentication
    }

    mutating func received(_ packet: RPCPacket) -> Action {
        let header = packet.header
        if header.program == RPCProgram.keepalive {
            guard header.version == RPCProgram.version, header.type == .message else { return .none }
            return header.procedure == KeepaliveProcedure.ping.rawValue ? .pong : .none
        }
        if header.type == .stream || header.type == .streamHole {
            return header.program == RPCProgram.remote && header.version == RPCProgram.version ? .stream(packet) : .none
        }
        guard header.type == .call || header.type == .callWithFDs else {
            // Messages from a client mean nothing to libvirtd.
            return .none
        }
        guard header.program == RPCProgram.remote, header.version == RPCProgram.version else {
            return .replyError(header, .rpc("Cannot find program \(header.program) version \(header.version)"))
        }
        guard let entry = table.entry(header.procedure) else {
            return .replyError(header, .rpc("unknown procedure: \(header.procedure)"))
        }
        if phase == .closing { return .none }
        if !authenticated && !entry.allowedBeforeAuthentication {
            return .replyError(header, .rpc("authentication required"))
        }
        if entry.procedure == .connectOpen {
            guard phase == .unopened else {
                return .replyError(header, VirtError(.internalError, .rpc, "connection already open"))
            }
            phase = .opening
        } else if phase != .open && !entry.allowedBeforeOpen {
            return .replyError(header, VirtError(.internalError, .rpc, "hypervisor connection not open"))
        }
        if entry.procedure == .connectSupportsFeature, Self.asksKeepalive(packet.payload) {
            keepaliveRequested = true
        }
        if inFlight >= maxRequests {
            waiting.append((packet, entry))
            return .queued
        }
        inFlight += 1
        return .run(packet, entry)
    }

    /// A call finished; returns the next waiting call to run, if any.
    mutating func finished(_ procedure: RemoteProcedure, succeeded: Bool) -> (RPCPacket, ProcedureTable.Entry)? {
        inFlight -= 1
        switch procedure {
        case .connectOpen where phase == .opening:
            phase = succeeded ? .open : .unopened
        case .connectClose where succeeded:
            phase = .closing
        default:
            break
        }
        guard phase != .closing, !waiting.isEmpty else { return nil }
        inFlight += 1
        return waiting.removeFirst()
    }

    /// Authentication succeeded (AUTH_POLKIT or the end of a SASL exchange).
    mutating func authenticate() {
        authenticated = true
    }

    /// Whether the socket can close now (CONNECT_CLOSE answered and nothing else running).
    var shouldClose: Bool { phase == .closing && inFlight == 0 }

    /// Whether calls wait for a free slot (the handler stops reading the socket meanwhile).
    var isBackedUp: Bool { !waiting.isEmpty }

    private static func asksKeepalive(_ payload: ByteBuffer) -> Bool {
        payload.getInteger(at: payload.readerIndex, as: Int32.self) == RemoteFeature.programKeepalive
    }
}
