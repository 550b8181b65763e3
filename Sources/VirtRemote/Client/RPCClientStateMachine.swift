import NIOCore
import VirtModel
import VirtRPC

/// One client connection's protocol as pure state: which calls wait for a reply (by serial), what each
/// incoming packet means, keepalive, and what ends the connection. `RPCClientHandler` carries out the
/// actions; nothing here touches a socket, so the rules are tested with plain values.
struct RPCClientStateMachine {
    enum ReceiveAction: Equatable {
        /// Nothing to do (a PONG, a late reply to an abandoned call).
        case none
        /// The call with this serial is answered: its reply payload, or the server's error.
        case complete(serial: UInt32, Result<ByteBuffer, VirtError>)
        /// An asynchronous MESSAGE of the REMOTE (or QEMU) program: an event for the subscribers.
        case deliverEvent(RPCPacket)
        /// A STREAM packet: data, the end of the data, a confirmation or an error for the stream its serial
        /// names (one a call opened; packets of a stream already let go are dropped there).
        case deliverStream(RPCPacket)
        /// Answer the peer's keepalive PING.
        case sendPong
        /// The peer broke the protocol: close, failing every waiting call with this error.
        case close(VirtError)
    }

    enum KeepaliveAction: Equatable {
        case none
        case sendPing
        /// The peer is gone: close, failing every waiting call with this error.
        case close(VirtError)
    }

    /// Serials of calls sent and not yet answered or abandoned.
    private(set) var waiting: Set<UInt32> = []
    private(set) var keepalive: KeepaliveTracker?
    /// Why the connection ended, once it has.
    private(set) var closedBecause: VirtError?
    /// Whether any call has been sent: a connection that ends before its first call (an ssh that could
    /// not reach its host) reports why to that call, as libvirt's client does on its first read.
    private var used = false

    /// Registers a call about to be written; refused once the connection has ended.
    mutating func willSend(serial: UInt32) -> VirtError? {
        if let closedBecause { return used ? Self.closedCallError(after: closedBecause) : closedBecause }
        used = true
        waiting.insert(serial)
        return nil
    }

    /// Gives up waiting for a call (its deadline passed, its caller went away); a late reply is dropped.
    mutating func abandon(serial: UInt32) -> Bool {
        waiting.remove(serial) != nil
    }

    mutating func received(_ packet: RPCPacket) -> ReceiveAction {
        keepalive?.heardFromPeer()
        let header = packet.header
        if header.program == RPCProgram.keepalive {
            guard header.type == .message else { return .none }
            return header.procedure == KeepaliveProcedure.ping.rawValue ? .sendPong : .none
        }
        switch header.type {
        case .message:
            // libvirtd sends events with serial 1; the serial of a MESSAGE means nothing.
            return .deliverEvent(packet)
        case .reply, .replyWithFDs:
            guard waiting.remove(header.serial) != nil else { return .none }
            return .complete(serial: header.serial, Self.result(of: packet))
        case .stream, .streamHole:
            return .deliverStream(packet)
        default:
            return .none
        }
    }

    /// The reply's payload, or for an ERROR reply the server's error with code, domain and text intact.
    private static func result(of packet: RPCPacket) -> Result<ByteBuffer, VirtError> {
        var payload = packet.payload
        if packet.header.type == .replyWithFDs {
            guard let (_, body) = packet.splitFDCount() else { return .failure(RemoteConnectionError.undecodableReply) }
            payload = body
        }
        guard packet.header.status == .error else { return .success(payload) }
        do {
            return .failure(try XDR.decode(RemoteError.self, from: payload).virError)
        } catch {
            return .failure(RemoteConnectionError.undecodableReply)
        }
    }

    mutating func enableKeepalive(interval: Int, count: Int) {
        guard interval > 0, closedBecause == nil else { return }
        keepalive = KeepaliveTracker(interval: interval, count: count)
    }

    mutating func keepaliveTick() -> KeepaliveAction {
        guard closedBecause == nil, var tracker = keepalive else { return .none }
        defer { keepalive = tracker }
        switch tracker.tick() {
        case .nothing: return .none
        case .ping: return .sendPing
        case .dead: return .close(RemoteConnectionError.keepaliveTimeout)
        }
    }

    /// The connection ended: returns the waiting serials, each to fail with the returned error.
    /// The first reason given wins (a keepalive death explains the EOF that follows it).
    mutating func connectionClosed(_ reason: VirtError?) -> (serials: [UInt32], error: VirtError) {
        if closedBecause == nil { closedBecause = reason ?? RemoteConnectionError.endOfFile }
        let error = closedBecause ?? RemoteConnectionError.endOfFile
        defer { waiting.removeAll() }
        keepalive = nil
        return (waiting.sorted(), error)
    }

    /// Marks the connection as ending because of `reason`, before the channel reports it inactive.
    mutating func closing(because reason: VirtError) {
        if closedBecause == nil { closedBecause = reason }
    }

    /// What a call made after the end sees, whatever ended it: libvirt's "client socket is closed".
    static func closedCallError(after reason: VirtError) -> VirtError {
        RemoteConnectionError.socketClosed
    }
}
