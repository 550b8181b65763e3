import NIOCore
import Synchronization
import VirtModel
import VirtRPC

/// A libvirt RPC client connection: calls of the REMOTE program numbered from serial 0 (as libvirt 9.0's
/// client numbers them), any number in flight at once, each matched to its reply by serial; the server's
/// errors come back as VirtError with its code, domain and text; MESSAGE packets (events) arrive on
/// ``messages``. Replies are decoded by the VirtRPC codec, never by hand.
final class RPCClient: Sendable {
    /// The server's asynchronous MESSAGE packets, in arrival order, until the connection ends. One consumer.
    let messages: AsyncStream<RPCPacket>
    /// Deadline for each call's reply; nil waits until the reply, a keepalive death or the end of the socket.
    let callTimeout: Duration?
    private let channel: any Channel
    private let nextSerial = Atomic<UInt32>(0)
    /// Where calls wait for their replies: the connection's event loop.
    let executor: EventLoopTaskExecutor

    /// Why the connection ended, for a first call that finds it already closed.
    private let end: ConnectionEnd

    init(channel: any Channel, messages: AsyncStream<RPCPacket>, callTimeout: Duration?, end: ConnectionEnd = ConnectionEnd()) {
        self.channel = channel
        self.end = end
        self.executor = EventLoopTaskExecutor(channel.eventLoop)
        self.messages = messages
        self.callTimeout = callTimeout
    }

    deinit {
        channel.close(promise: nil)
    }

    /// The channel handlers of a client connection: the frame decoder, then the client handler.
    static func handlers(
        events: AsyncStream<RPCPacket>.Continuation, transportEnd: @escaping @Sendable () -> String? = { nil },
        end: ConnectionEnd = ConnectionEnd()
    ) -> (ByteToMessageHandler<RPCFrameDecoder>, RPCClientHandler) {
        (ByteToMessageHandler(RPCFrameDecoder()), RPCClientHandler(events: events, transportEnd: transportEnd, end: end))
    }

    /// Calls a REMOTE procedure and decodes its reply as `Ret`.
    func call<Args: Encodable, Ret: Decodable>(
        _ procedure: RemoteProcedure, _ args: Args, returning: Ret.Type
    ) async throws(VirtError) -> Ret {
        let payload = try await call(program: RPCProgram.remote, procedure: procedure.rawValue, args, name: procedure.description)
        do {
            return try XDR.decode(Ret.self, from: payload)
        } catch {
            throw RemoteConnectionError.undecodableReply
        }
    }

    /// Calls a REMOTE procedure whose reply is empty.
    func call<Args: Encodable>(_ procedure: RemoteProcedure, _ args: Args) async throws(VirtError) {
        _ = try await call(procedure, args, returning: XDRVoid.self)
    }

    /// Calls a REMOTE procedure that opens a stream (its reply is empty): `stream` is told the call's header
    /// and then gets the stream's packets, from before the call is written.
    func callOpeningStream<Args: Encodable>(_ procedure: RemoteProcedure, _ args: Args, stream: RPCStreamReceiver) async throws(VirtError) {
        _ = try await call(program: RPCProgram.remote, procedure: procedure.rawValue, args, name: procedure.description, stream: stream)
    }

    /// Writes a STREAM frame (data, a finish, an abort) of a stream a call opened.
    func sendStreamFrame(_ frame: ByteBuffer) {
        channel.writeAndFlush(RPCClientOutbound.streamFrame(frame), promise: nil)
    }

    /// Stops passing on the packets of the stream the call with `serial` opened.
    func endStream(serial: UInt32) {
        channel.writeAndFlush(RPCClientOutbound.endStream(serial: serial), promise: nil)
    }

    /// The connection's event loop (streams relay their local ends there).
    var eventLoop: any EventLoop { channel.eventLoop }

    /// Sends one call and waits for its reply payload, on the connection's event loop: the reply resumes the
    /// caller on the thread that read it (a blocked C caller is woken from there), not on a third thread.
    private func call<Args: Encodable>(
        program: UInt32, procedure: Int32, _ args: Args, name: String, stream: RPCStreamReceiver? = nil
    ) async throws(VirtError) -> ByteBuffer {
        try await withTaskExecutorPreference(executor) { () async throws(VirtError) -> ByteBuffer in
            try await callOnLoop(program: program, procedure: procedure, args, name: name, stream: stream)
        }
    }

    private func callOnLoop<Args: Encodable>(
        program: UInt32, procedure: Int32, _ args: Args, name: String, stream: RPCStreamReceiver?
    ) async throws(VirtError) -> ByteBuffer {
        let serial = nextSerial.wrappingAdd(1, ordering: .relaxed).oldValue
        let header = RPCHeader(program: program, procedure: procedure, type: .call, serial: serial)
        stream?.opened(header)
        let frame: ByteBuffer
        do {
            frame = try RPCFrameEncoder.encode(header: header, body: args)
        } catch {
            throw RemoteConnectionError.unencodableCall(String(describing: error))
        }
        let channel = self.channel
        let reply = channel.eventLoop.makePromise(of: ByteBuffer.self)
        let end = self.end
        channel.writeAndFlush(RPCClientOutbound.call(serial: serial, frame: frame, reply: reply, stream: stream)).whenFailure { _ in
            // The pipeline is gone: the connection ended before the call reached the handler. The first call
            // says why (libvirt's client had written it before ssh gave up); later ones, as libvirt's,
            // that the socket is closed.
            reply.fail(serial == 0 ? end.recorded ?? RemoteConnectionError.socketClosed : RemoteConnectionError.socketClosed)
        }
        let timer = callTimeout.map { timeout in
            channel.eventLoop.scheduleTask(in: .nanoseconds(Self.nanoseconds(timeout))) {
                let seconds = Double(Self.nanoseconds(timeout)) / 1e9
                let error = RemoteConnectionError.callTimedOut(name, after: seconds)
                channel.writeAndFlush(RPCClientOutbound.abandon(serial: serial, error: error), promise: nil)
            }
        }
        defer { timer?.cancel() }
        let result: Result<ByteBuffer, any Error> = await withTaskCancellationHandler {
            do {
                return .success(try await reply.futureResult.get())
            } catch {
                return .failure(error)
            }
        } onCancel: {
            let error = VirtError(.operationAborted, .rpc, "\(name) cancelled by the caller")
            channel.writeAndFlush(RPCClientOutbound.abandon(serial: serial, error: error), promise: nil)
        }
        switch result {
        case .success(let payload): return payload
        case .failure(let error): throw (error as? VirtError) ?? RemoteConnectionError.socketClosed
        }
    }

    /// Starts libvirt's keepalive on this connection (after the server said it supports it).
    func startKeepalive(interval: Int, count: Int) {
        channel.writeAndFlush(RPCClientOutbound.startKeepalive(interval: interval, count: count), promise: nil)
    }

    /// Closes the socket; calls still waiting fail.
    func close() {
        channel.close(promise: nil)
    }

    /// Whether the socket is still open.
    var isAlive: Bool { channel.isActive }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).partialValue + attoseconds / 1_000_000_000
    }
}

/// Where a stream's packets go: told the header of the call that opens it (its packets carry that serial)
/// before the call is written, then each STREAM packet on the connection's event loop, and nil once the
/// connection has ended.
struct RPCStreamReceiver: Sendable {
    let opened: @Sendable (RPCHeader) -> Void
    let received: @Sendable (RPCPacket?) -> Void
}
