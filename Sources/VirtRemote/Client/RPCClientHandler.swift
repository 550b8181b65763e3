import NIOCore
import VirtModel
import VirtRPC

/// What the client asks its channel to do; everything goes through the pipeline so all state stays on
/// the channel's event loop.
enum RPCClientOutbound {
    /// Write a call frame and complete `reply` with its reply payload or error; for a call that opens a
    /// stream, its packets go to `stream` from before the call is written (a server may send data first).
    case call(serial: UInt32, frame: ByteBuffer, reply: EventLoopPromise<ByteBuffer>, stream: RPCStreamReceiver?)
    /// Write a STREAM frame of an open stream (data, a finish, an abort).
    case streamFrame(ByteBuffer)
    /// Stop passing packets of this stream on.
    case endStream(serial: UInt32)
    /// Stop waiting for a call (deadline or cancellation), failing it with `error`.
    case abandon(serial: UInt32, error: VirtError)
    /// Start libvirt's keepalive: PING after `interval` seconds of silence, dead after `count` unanswered.
    case startKeepalive(interval: Int, count: Int)
}

/// Runs one client connection on its event loop: writes calls, completes each caller's promise when the
/// reply with its serial arrives (in any order), hands MESSAGE packets to the event stream without ever
/// waiting on its consumer, answers PINGs, pings a silent server, and fails everything still waiting with
/// libvirt's words when the connection ends.
final class RPCClientHandler: ChannelDuplexHandler {
    typealias InboundIn = RPCPacket
    typealias OutboundIn = RPCClientOutbound
    typealias OutboundOut = ByteBuffer

    private var machine = RPCClientStateMachine()
    private var replies: [UInt32: EventLoopPromise<ByteBuffer>] = [:]
    /// Open streams by the serial of the call that opened them.
    private var streams: [UInt32: RPCStreamReceiver] = [:]
    private let events: AsyncStream<RPCPacket>.Continuation
    private var keepaliveTask: RepeatedTask?
    /// Whether the peer ever answered: a command transport (ssh) that ends having answered nothing left
    /// libvirt's first call unread, which libvirt's client reads as a reset.
    private var heardFromPeer = false

    /// What the transport says about its end, if anything (an ssh client's standard error).
    private let transportEnd: @Sendable () -> String?

    /// `events` must buffer without bound (yield never waits): reply routing never depends on a consumer.
    /// Where the reason the connection ended is left for the client (``ConnectionEnd``).
    private let end: ConnectionEnd

    init(
        events: AsyncStream<RPCPacket>.Continuation, transportEnd: @escaping @Sendable () -> String? = { nil },
        end: ConnectionEnd = ConnectionEnd()
    ) {
        self.events = events
        self.transportEnd = transportEnd
        self.end = end
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        heardFromPeer = true
        switch machine.received(unwrapInboundIn(data)) {
        case .none:
            break
        case .complete(let serial, let result):
            let promise = replies.removeValue(forKey: serial)
            switch result {
            case .success(let payload): promise?.succeed(payload)
            case .failure(let error): promise?.fail(error)
            }
        case .deliverEvent(let packet):
            events.yield(packet)
        case .deliverStream(let packet):
            let serial = packet.header.serial
            streams[serial]?.received(packet)
            if packet.header.status != .continue { streams[serial] = nil }
        case .sendPong:
            writeKeepalive(.pong, context: context)
        case .close(let error):
            close(context: context, because: error)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        promise?.succeed(())
        switch unwrapOutboundIn(data) {
        case .call(let serial, let frame, let reply, let stream):
            if let refusal = machine.willSend(serial: serial) {
                reply.fail(refusal)
                return
            }
            replies[serial] = reply
            streams[serial] = stream
            let written = context.eventLoop.makePromise(of: Void.self)
            let loopBound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
            written.futureResult.whenFailure { _ in
                loopBound.value.handler.writeFailed(serial: serial, context: loopBound.value.context)
            }
            context.writeAndFlush(wrapOutboundOut(frame), promise: written)
        case .abandon(let serial, let error):
            if machine.abandon(serial: serial) {
                replies.removeValue(forKey: serial)?.fail(error)
            }
        case .startKeepalive(let interval, let count):
            startKeepalive(interval: interval, count: count, context: context)
        case .streamFrame(let frame):
            context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
        case .endStream(let serial):
            streams[serial] = nil
        }
    }

    /// A call that could not be written fails as libvirt fails calls on a dead socket. While the connection
    /// has not yet been seen to end, the call waits for that: its reason (a reset, ssh's last words on its
    /// standard error) comes with the read side, which fails every waiting call; failing it here first said
    /// only "client socket is closed" (a CI run: ssh to a closed port, where libvirt says why).
    private func writeFailed(serial: UInt32, context: ChannelHandlerContext) {
        guard let error = machine.closedBecause else { return }
        guard machine.abandon(serial: serial) else { return }
        replies.removeValue(forKey: serial)?.fail(error)
    }

    private func startKeepalive(interval: Int, count: Int, context: ChannelHandlerContext) {
        guard keepaliveTask == nil else { return }
        machine.enableKeepalive(interval: interval, count: count)
        guard machine.keepalive != nil else { return }
        let delay = TimeAmount.seconds(Int64(interval))
        let loopBound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        keepaliveTask = context.eventLoop.scheduleRepeatedTask(initialDelay: delay, delay: delay) { _ in
            loopBound.value.handler.keepaliveTick(context: loopBound.value.context)
        }
    }

    private func keepaliveTick(context: ChannelHandlerContext) {
        switch machine.keepaliveTick() {
        case .none: break
        case .sendPing: writeKeepalive(.ping, context: context)
        case .close(let error): close(context: context, because: error)
        }
    }

    private func writeKeepalive(_ procedure: KeepaliveProcedure, context: ChannelHandlerContext) {
        var frame = context.channel.allocator.buffer(capacity: RPCLimits.lengthSize + RPCLimits.headerSize)
        RPCFrameEncoder.encodeKeepalive(procedure, into: &frame)
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
    }

    private func close(context: ChannelHandlerContext, because error: VirtError) {
        machine.closing(because: error)
        end.record(error)
        context.close(promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let frameError = error as? RPCFrameError {
            close(context: context, because: RemoteConnectionError.badFrame(frameError.message(receivedFrom: "server")))
        } else if let io = error as? IOError {
            let said = transportEnd()
            let errno = unanswered(said) ? 104 : io.errnoCode  // ECONNRESET, as libvirt reads it (see channelInactive)
            close(context: context, because: RemoteConnectionError.receiveFailed(errno: errno, saying: said))
        } else {
            close(context: context, because: RemoteConnectionError.endOfFile(saying: transportEnd()))
        }
    }

    /// A command transport that said something as it ended without ever answering: libvirt's client, which
    /// writes its first call at once, finds it unread (we may not have written ours yet).
    private func unanswered(_ said: String?) -> Bool {
        !heardFromPeer && !(said ?? "").isEmpty
    }

    func channelInactive(context: ChannelHandlerContext) {
        keepaliveTask?.cancel()
        keepaliveTask = nil
        // ECONNRESET: what reading gives libvirt once a command that left our data unread has gone (ssh to
        // a closed port: "Cannot recv data: ssh: connect to host ...: Connection reset by peer"). Whether
        // our side sees the reset or an end of file depends on timing; libvirt's, which writes first, sees
        // the reset.
        let said = transportEnd()
        let ended = unanswered(said)
            ? RemoteConnectionError.receiveFailed(errno: 104, saying: said)  // ECONNRESET
            : RemoteConnectionError.endOfFile(saying: said)
        let (serials, error) = machine.connectionClosed(ended)
        end.record(error)
        for serial in serials {
            replies.removeValue(forKey: serial)?.fail(error)
        }
        // Promises of calls abandoned in the same turn are already failed; anything left is failed too.
        for (_, promise) in replies { promise.fail(error) }
        replies.removeAll()
        events.finish()
        let open = streams.values
        streams.removeAll()
        for stream in open { stream.received(nil) }
        context.fireChannelInactive()
    }
}
