import NIOCore
import VirtModel
import VirtRPC

/// What the client asks its channel to do; everything goes through the pipeline so all state stays on
/// the channel's event loop.
enum RPCClientOutbound {
    /// Write a call frame and complete `reply` with its reply payload or error.
    case call(serial: UInt32, frame: ByteBuffer, reply: EventLoopPromise<ByteBuffer>)
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
    private let events: AsyncStream<RPCPacket>.Continuation
    private var keepaliveTask: RepeatedTask?

    /// What the transport says about its end, if anything (an ssh client's standard error).
    private let transportEnd: @Sendable () -> String?

    /// `events` must buffer without bound (yield never waits): reply routing never depends on a consumer.
    init(events: AsyncStream<RPCPacket>.Continuation, transportEnd: @escaping @Sendable () -> String? = { nil }) {
        self.events = events
        self.transportEnd = transportEnd
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
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
        case .sendPong:
            writeKeepalive(.pong, context: context)
        case .close(let error):
            close(context: context, because: error)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        promise?.succeed(())
        switch unwrapOutboundIn(data) {
        case .call(let serial, let frame, let reply):
            if let refusal = machine.willSend(serial: serial) {
                reply.fail(refusal)
                return
            }
            replies[serial] = reply
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
        }
    }

    /// A call that could not be written fails as libvirt fails calls on a dead socket.
    private func writeFailed(serial: UInt32, context: ChannelHandlerContext) {
        guard machine.abandon(serial: serial) else { return }
        let error = machine.closedBecause ?? RemoteConnectionError.socketClosed
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
        context.close(promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let frameError = error as? RPCFrameError {
            close(context: context, because: RemoteConnectionError.badFrame(frameError.message(receivedFrom: "server")))
        } else if let io = error as? IOError {
            close(context: context, because: RemoteConnectionError.receiveFailed(errno: io.errnoCode, saying: transportEnd()))
        } else {
            close(context: context, because: RemoteConnectionError.endOfFile(saying: transportEnd()))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        keepaliveTask?.cancel()
        keepaliveTask = nil
        let (serials, error) = machine.connectionClosed(RemoteConnectionError.endOfFile(saying: transportEnd()))
        for serial in serials {
            replies.removeValue(forKey: serial)?.fail(error)
        }
        // Promises of calls abandoned in the same turn are already failed; anything left is failed too.
        for (_, promise) in replies { promise.fail(error) }
        replies.removeAll()
        events.finish()
        context.fireChannelInactive()
    }
}
