import NIOCore
import NIOPosix
import Synchronization

/// A connection to one QEMU process's QMP monitor socket.
///
/// `connect(socketPath:timeout:)` waits for the socket to appear, reads the greeting and
/// negotiates capabilities; after that, `execute` sends commands and returns their replies, and
/// `events` yields QEMU's asynchronous events. Commands may be issued concurrently from any task:
/// each carries its own id and its reply is matched by id. When the connection ends, every
/// command still waiting fails with `QMPError.closed` (or the error that ended it) and `events`
/// finishes.
public final class QMPClient: Sendable {
    /// What QEMU announced on connecting.
    public let greeting: QMPGreeting
    /// QEMU's asynchronous events, in arrival order, until the connection ends. Meant for a single
    /// consumer; events are buffered until read.
    public let events: AsyncStream<QMPEvent>

    private let channel: any Channel
    private let nextID = Atomic<UInt64>(QMPStateMachine.negotiationID)

    init(channel: any Channel, greeting: QMPGreeting, events: AsyncStream<QMPEvent>) {
        self.channel = channel
        self.greeting = greeting
        self.events = events
    }

    deinit {
        channel.close(promise: nil)
    }

    /// Runs one QMP command and returns its `return` value.
    ///
    /// - Parameters:
    ///   - command: The command name, e.g. `"query-status"`.
    ///   - arguments: Its arguments, or `nil` for none.
    ///   - timeout: How long to wait for the reply; `nil` waits until QEMU answers or the connection ends.
    /// - Throws: `QMPError.commandFailed` when QEMU answers with an error; `.closed` (or the error that
    ///   ended the connection) when it ends first; `.timeout`; `.cancelled` when the calling task is
    ///   cancelled. After a timeout or cancellation QEMU may still run the command; its late reply is dropped.
    public func execute(
        _ command: String,
        arguments: [String: JSONValue]? = nil,
        timeout: Duration? = nil
    ) async throws(QMPError) -> JSONValue {
        try await send(command, arguments: arguments, descriptor: nil, timeout: timeout)
    }

    /// Sends a command, optionally passing a descriptor with it, and waits for its reply.
    func send(
        _ command: String,
        arguments: [String: JSONValue]?,
        descriptor: CInt?,
        timeout: Duration?
    ) async throws(QMPError) -> JSONValue {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let loop = channel.eventLoop
        let reply = loop.makePromise(of: JSONValue.self)
        let request = QMPRequest(id: id, command: command, arguments: arguments, descriptor: descriptor, reply: reply)
        let channel = self.channel
        channel.writeAndFlush(QMPOutbound.command(request)).whenFailure { _ in
            // The pipeline is gone: the connection ended before the command got to the handler.
            reply.fail(QMPError.closed)
        }
        let timer = timeout.map { timeout in
            loop.scheduleTask(in: .nanoseconds(Self.nanoseconds(timeout))) {
                let error = QMPError.timeout("no reply to '\(command)' within \(timeout)")
                channel.writeAndFlush(QMPOutbound.abandon(id: id, error: error), promise: nil)
            }
        }
        defer { timer?.cancel() }
        let result: Result<JSONValue, any Error> = await withTaskCancellationHandler {
            do {
                return .success(try await reply.futureResult.get())
            } catch {
                return .failure(error)
            }
        } onCancel: {
            channel.writeAndFlush(QMPOutbound.abandon(id: id, error: .cancelled), promise: nil)
        }
        switch result {
        case .success(let value): return value
        case .failure(let error as QMPError): throw error
        case .failure(let error): throw .transport(String(describing: error))
        }
    }

    /// Closes the connection. Commands still waiting fail with `QMPError.closed`; `events` finishes.
    public func close() async {
        try? await channel.close()
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
