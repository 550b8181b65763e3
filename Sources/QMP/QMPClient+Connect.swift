import NIOCore
import NIOPosix

extension QMPClient {
    /// 16 MiB: far above QEMU's largest reply (`query-qmp-schema` is a few hundred KiB).
    public static let defaultMaximumLineLength = 16 << 20

    /// Connects to a QMP monitor socket and negotiates, ready for commands.
    ///
    /// QEMU creates its socket a moment after it starts, so a missing socket, or one nobody
    /// listens on yet, is retried (with a short back-off) until `timeout`. QEMU's monitor serves
    /// one client at a time: while another client is connected, no greeting comes and this
    /// fails with `.timeout`.
    ///
    /// - Parameters:
    ///   - socketPath: The path given to QEMU's `-qmp unix:<path>,server=on,wait=off` (or `-chardev socket`).
    ///   - timeout: The deadline for the whole sequence: socket, greeting and `qmp_capabilities`.
    ///   - eventLoopGroup: Where the connection runs; defaults to NIO's shared singleton.
    ///   - maximumLineLength: The longest line accepted from QEMU, in bytes.
    /// - Throws: `QMPError.timeout`; `.transport` for a path that cannot work (too long, not a
    ///   socket, permission denied); `.protocolViolation` or `.decoding` for a peer that does not
    ///   speak QMP; `.commandFailed` if QEMU refuses `qmp_capabilities`; `.cancelled`.
    public static func connect(
        socketPath: String,
        timeout: Duration = .seconds(10),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        maximumLineLength: Int = QMPClient.defaultMaximumLineLength
    ) async throws(QMPError) -> QMPClient {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        let descriptor = try await connectSocket(socketPath, deadline: deadline, clock: clock, timeout: timeout)

        let loop = eventLoopGroup.next()
        let negotiation = loop.makePromise(of: QMPGreeting.self)
        let (events, continuation) = AsyncStream.makeStream(of: QMPEvent.self)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: loop)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler = QMPChannelHandler(
                            negotiation: negotiation,
                            events: continuation,
                            sendDescriptor: { UnixSocket.send(descriptor: $0, over: descriptor) }
                        )
                        try channel.pipeline.syncOperations.addHandlers(
                            ByteToMessageHandler(QMPFrameDecoder(maximumLineLength: maximumLineLength)),
                            handler
                        )
                    }
                }
                .withConnectedSocket(descriptor)
                .get()
        } catch {
            negotiation.fail(QMPError.closed)
            continuation.finish()
            throw .transport("cannot set up the QMP connection to '\(socketPath)': \(error)")
        }

        let remaining = clock.now.duration(to: deadline)
        let timer = loop.scheduleTask(in: .nanoseconds(max(0, nanoseconds(remaining)))) {
            negotiation.fail(QMPError.timeout("no QMP greeting and negotiation on '\(socketPath)' within \(timeout)"))
            channel.close(promise: nil)
        }
        // Cancelled on the loop the moment negotiation ends: a deadline falling between the greeting and this
        // task resuming must not close a connection that negotiated in time.
        negotiation.futureResult.whenComplete { _ in timer.cancel() }
        let greeting: QMPGreeting
        do {
            greeting = try await withTaskCancellationHandler {
                try await negotiation.futureResult.get()
            } onCancel: {
                negotiation.fail(QMPError.cancelled)
            }
        } catch {
            channel.close(promise: nil)
            throw (error as? QMPError) ?? .transport(String(describing: error))
        }
        return QMPClient(channel: channel, greeting: greeting, events: events)
    }

    /// Connects the socket, retrying while QEMU has not created it or is not listening yet.
    private static func connectSocket(
        _ path: String,
        deadline: ContinuousClock.Instant,
        clock: ContinuousClock,
        timeout: Duration
    ) async throws(QMPError) -> CInt {
        var pause = Duration.milliseconds(5)
        while true {
            switch UnixSocket.connect(to: path) {
            case .success(let descriptor):
                return descriptor
            case .failure(let failure) where !failure.retryable:
                throw .transport(failure.reason)
            case .failure(let failure):
                let now = clock.now
                guard now < deadline else {
                    throw .timeout(
                        "no QMP socket accepting connections at '\(path)' within \(timeout) (\(failure.reason))"
                    )
                }
                do {
                    try await Task.sleep(until: min(now.advanced(by: pause), deadline), clock: clock)
                } catch {
                    throw .cancelled
                }
                pause = min(pause * 2, .milliseconds(100))
            }
        }
    }
}
