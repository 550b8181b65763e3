import NIOCore
import VirtModel
import VirtRPC

/// Runs one client connection on its event loop: feeds packets to ``ClientStateMachine``, runs the calls it
/// allows as tasks (several at once, up to `max_client_requests`), writes each reply as one whole frame,
/// pings a client that asked for keepalive, and holds back reading while calls wait for a free slot, so a
/// client that floods the daemon slows only itself.
final class RPCServerHandler: ChannelDuplexHandler {
    typealias InboundIn = RPCPacket
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var machine: ClientStateMachine
    private let client: DaemonClient
    private let keepalive: KeepaliveSettings
    private let draining: DrainSignal
    /// A read the pipeline asked for while calls were waiting: issued once a slot frees up.
    private var readHeld = false
    /// Keepalive pings sent since the client last said anything.
    private var unansweredPings = 0
    private var heardSinceLastTick = true
    private var keepaliveTask: RepeatedTask?
    /// Where this client's calls run: its own event loop.
    private var executor: EventLoopTaskExecutor?
    /// The client's open streams (consoles); made with the first.
    private var streams: DaemonStreams?

    struct KeepaliveSettings {
        /// Seconds of silence before a PING; 0 or less disables the daemon's pings.
        var interval: Int
        /// Unanswered PINGs after which the client is dropped.
        var count: Int
    }

    init(machine: ClientStateMachine, client: DaemonClient, keepalive: KeepaliveSettings, draining: DrainSignal) {
        self.machine = machine
        self.client = client
        self.keepalive = keepalive
        self.draining = draining
    }

    func channelActive(context: ChannelHandlerContext) {
        draining.register(context.channel)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        heardSinceLastTick = true
        unansweredPings = 0
        let packet = unwrapInboundIn(data)
        switch machine.received(packet) {
        case .none, .queued:
            break
        case .pong:
            writeFrame(RPCHeader.keepalive(.pong), payload: nil, context: context)
        case .replyError(let header, let error):
            writeReply(to: header, .failure(error), context: context)
        case .run(let packet, let entry):
            run(packet, entry, context: context)
        case .stream(let packet):
            if streams?.received(packet) == false { context.close(promise: nil) }
        case .close:
            context.close(promise: nil)
        }
        if machine.keepaliveRequested, keepaliveTask == nil, keepalive.interval > 0 {
            startKeepalive(context: context)
        }
    }

    private func run(_ packet: RPCPacket, _ entry: ProcedureTable.Entry, context: ChannelHandlerContext) {
        let client = self.client
        let loop = context.eventLoop
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: loop)
        let executor = self.executor ?? EventLoopTaskExecutor(loop)
        self.executor = executor
        Task(executorPreference: executor) {
            let result: Result<ProcedureTable.ProcedureReply, VirtError>
            do throws(VirtError) {
                result = .success(try await entry.run(packet.payload, client))
            } catch {
                result = .failure(error)
            }
            if loop.inEventLoop {
                bound.value.handler.finished(packet.header, entry, result, context: bound.value.context)
            } else {
                loop.execute { bound.value.handler.finished(packet.header, entry, result, context: bound.value.context) }
            }
        }
    }

    private func finished(
        _ header: RPCHeader, _ entry: ProcedureTable.Entry, _ result: Result<ProcedureTable.ProcedureReply, VirtError>,
        context: ChannelHandlerContext
    ) {
        writeReply(to: header, result.map(\.payload), context: context)
        if case .success(let reply) = result, let console = reply.stream {
            openStream(header, console, context: context)
        }
        let succeeded = if case .success = result { true } else { false }
        if let (next, nextEntry) = machine.finished(entry.procedure, succeeded: succeeded) {
            run(next, nextEntry, context: context)
        }
        if machine.shouldClose || (draining.isDraining && machine.inFlight == 0) {
            context.close(promise: nil)
        } else if readHeld && !machine.isBackedUp && context.channel.isWritable {
            readHeld = false
            context.read()
        }
    }

    /// Relays a stream the call opened; a client already gone lets it go at once.
    private func openStream(_ call: RPCHeader, _ console: ConsoleStream, context: ChannelHandlerContext) {
        guard context.channel.isActive else {
            console.close()
            return
        }
        if streams == nil {
            let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
            streams = DaemonStreams(loop: context.eventLoop) { frame in
                bound.value.context.writeAndFlush(bound.value.handler.wrapOutboundOut(frame), promise: nil)
            }
        }
        streams?.open(call, console: console)
    }

    private func writeReply(to call: RPCHeader, _ result: Result<ByteBuffer, VirtError>, context: ChannelHandlerContext) {
        var frame = context.channel.allocator.buffer(capacity: 64)
        switch result {
        case .success(let payload):
            RPCFrameEncoder.encode(header: call.reply(status: .ok), payload: payload, into: &frame)
        case .failure(let error):
            do {
                try RPCFrameEncoder.encodeError(RemoteError(error), replyingTo: call, into: &frame)
            } catch {
                context.close(promise: nil)
                return
            }
        }
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
    }

    private func writeFrame(_ header: RPCHeader, payload: ByteBuffer?, context: ChannelHandlerContext) {
        var frame = context.channel.allocator.buffer(capacity: 28 + (payload?.readableBytes ?? 0))
        RPCFrameEncoder.encode(header: header, payload: payload, into: &frame)
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
    }

    /// Reads are held while calls wait for a slot, or while the client does not read its replies (the socket
    /// cannot take more): its data stays in the kernel, and a flooding client slows only itself.
    func read(context: ChannelHandlerContext) {
        if machine.isBackedUp || draining.isDraining || !context.channel.isWritable {
            readHeld = true
        } else {
            context.read()
        }
    }

    private func startKeepalive(context: ChannelHandlerContext) {
        let interval = TimeAmount.seconds(Int64(keepalive.interval))
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        keepaliveTask = context.eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
            bound.value.handler.keepaliveTick(context: bound.value.context)
        }
    }

    /// libvirtd's rule: a PING after each interval of silence; after `count` unanswered PINGs the client is gone.
    private func keepaliveTick(context: ChannelHandlerContext) {
        if heardSinceLastTick {
            heardSinceLastTick = false
            return
        }
        if unansweredPings >= keepalive.count {
            context.close(promise: nil)
            return
        }
        unansweredPings += 1
        writeFrame(RPCHeader.keepalive(.ping), payload: nil, context: context)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        streams?.setReading(context.channel.isWritable)
        if context.channel.isWritable && readHeld && !machine.isBackedUp && !draining.isDraining {
            readHeld = false
            context.read()
        }
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is DrainEvent {
            if machine.inFlight == 0 { context.close(promise: nil) }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A frame the decoder refused (too large, no header): libvirtd drops such a client.
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        keepaliveTask?.cancel()
        keepaliveTask = nil
        streams?.closeAll()
        // The streams' writer holds this handler: let go of them, or the two keep each other alive.
        streams = nil
        client.close()
        draining.unregister(context.channel)
        context.fireChannelInactive()
    }
}
