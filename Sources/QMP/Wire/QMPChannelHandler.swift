import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one QMP connection on its event loop: feeds incoming messages to `QMPStateMachine`,
/// writes commands, completes each caller's promise when its reply arrives, hands events to
/// the client's stream, and fails everything still waiting when the connection ends.
///
/// Commands that pass a descriptor go out one at a time: QEMU keeps only the latest descriptor
/// it received, so a second one must not arrive before the first command has claimed it.
final class QMPChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = QMPMessage
    typealias OutboundIn = QMPOutbound
    typealias OutboundOut = ByteBuffer

    /// Sends a descriptor to the peer ahead of the next bytes (SCM_RIGHTS); `nil` when the
    /// transport cannot (an in-memory test channel).
    typealias DescriptorSender = (CInt) -> Result<Void, QMPError>

    private var stateMachine = QMPStateMachine()
    private var replies: [UInt64: EventLoopPromise<JSONValue>] = [:]
    private let negotiation: EventLoopPromise<QMPGreeting>
    private let events: AsyncStream<QMPEvent>.Continuation
    private let sendDescriptor: DescriptorSender?
    /// The command whose descriptor QEMU holds and has not yet claimed, and those queued behind it.
    private var descriptorInFlight: UInt64?
    private var descriptorQueue = CircularBuffer<QMPRequest>()
    /// Why the connection is closing, when it was not a plain end of stream.
    private var closeReason: QMPError?

    init(
        negotiation: EventLoopPromise<QMPGreeting>,
        events: AsyncStream<QMPEvent>.Continuation,
        sendDescriptor: DescriptorSender?
    ) {
        self.negotiation = negotiation
        self.events = events
        self.sendDescriptor = sendDescriptor
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        switch stateMachine.received(message) {
        case .none, .send:
            break
        case .sendCapabilities:
            var buffer = context.channel.allocator.buffer(capacity: 64)
            buffer.writeString("{\"execute\":\"qmp_capabilities\",\"id\":\(QMPStateMachine.negotiationID)}\r\n")
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        case .negotiated(let greeting):
            negotiation.succeed(greeting)
        case .succeed(let id, let value):
            replies.removeValue(forKey: id)?.succeed(value)
            commandAnswered(id, context: context)
        case .fail(let id, let error):
            replies.removeValue(forKey: id)?.fail(error)
            commandAnswered(id, context: context)
        case .deliver(let event):
            events.yield(event)
        case .closeConnection(let error):
            close(context: context, because: error)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .command(let request):
            promise?.succeed(())
            if request.descriptor != nil, descriptorInFlight != nil {
                descriptorQueue.append(request)
            } else {
                send(request, context: context)
            }
        case .abandon(let id, let error):
            promise?.succeed(())
            if let index = descriptorQueue.firstIndex(where: { $0.id == id }) {
                descriptorQueue.remove(at: index).reply.fail(error)
            } else if stateMachine.abandon(id: id) {
                replies.removeValue(forKey: id)?.fail(error)
                commandAnswered(id, context: context)
            }
        }
    }

    private func send(_ request: QMPRequest, context: ChannelHandlerContext) {
        switch stateMachine.send(command: request.command, id: request.id) {
        case .send:
            break
        case .fail(_, let error):
            request.reply.fail(closeReason ?? error)
            return
        default:
            return
        }
        if let descriptor = request.descriptor {
            let passed = sendDescriptor?(descriptor) ?? .failure(.transport("this connection cannot pass descriptors"))
            if case .failure(let error) = passed {
                _ = stateMachine.abandon(id: request.id)
                request.reply.fail(error)
                return
            }
            descriptorInFlight = request.id
        }
        replies[request.id] = request.reply
        var buffer = context.channel.allocator.buffer(capacity: 128)
        request.encode(into: &buffer)
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenFailure { [weak self] error in
            self?.writeFailed(id: request.id, error: error, context: context)
        }
        context.writeAndFlush(wrapOutboundOut(buffer), promise: written)
    }

    private func writeFailed(id: UInt64, error: any Error, context: ChannelHandlerContext) {
        guard stateMachine.abandon(id: id) else { return }
        replies.removeValue(forKey: id)?.fail(closeReason ?? Self.transportError(error))
        commandAnswered(id, context: context)
    }

    /// After a reply (or giving up on one), the next descriptor-passing command may go.
    private func commandAnswered(_ id: UInt64, context: ChannelHandlerContext) {
        guard id == descriptorInFlight else { return }
        descriptorInFlight = nil
        while descriptorInFlight == nil, let next = descriptorQueue.popFirst() {
            send(next, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        close(context: context, because: (error as? QMPError) ?? Self.transportError(error))
    }

    private func close(context: ChannelHandlerContext, because error: QMPError) {
        if closeReason == nil { closeReason = error }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        let error = closeReason ?? .closed
        for id in stateMachine.close() {
            replies.removeValue(forKey: id)?.fail(error)
        }
        while let queued = descriptorQueue.popFirst() {
            queued.reply.fail(error)
        }
        negotiation.fail(error)
        events.finish()
        context.fireChannelInactive()
    }

    /// A connection QEMU reset or broke (it exited with replies unread) is a closed connection, not a
    /// transport failure to report in NIO's words; other errors keep the system's reason, without Swift's
    /// signatures.
    private static func transportError(_ error: any Error) -> QMPError {
        guard let io = error as? IOError else { return .transport(String(describing: error)) }
        if io.errnoCode == ECONNRESET || io.errnoCode == EPIPE { return .closed }
        return .transport(String(cString: strerror(io.errnoCode)))
    }
}
