import NIOCore
import NIOPosix
import VirtRPC
public import QMP
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A scripted QMP peer on a temporary unix socket, for testing QMP clients without QEMU.
///
/// It accepts one connection, sends the greeting, answers `qmp_capabilities` (unless told not
/// to), then plays its `Step`s: it checks each command the client sends against the next
/// expected one, answers with the scripted reply (echoing the client's id), and can emit events,
/// raw text, hold replies to send them out of order, or close. Every command it reads is kept
/// in `requests`, exactly as received. `finish()` waits for the script to end and reports any
/// deviation (an unexpected command, a missing one, a command after the script).
public final class FakeQMPServer: Sendable {
    /// Where clients connect.
    public let socketPath: String
    private let directory: String
    private let serverChannel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let state = Mutex(State())
    private let scriptDone: EventLoopPromise<Void>
    /// Where the script runs: the listening channel's event loop.
    let executor: EventLoopTaskExecutor

    private struct State {
        var requests: [JSONValue] = []
        var problems: [String] = []
        var connections = 0
        var connection: (any Channel)?
    }

    /// Starts listening; the script runs when a client connects.
    ///
    /// - Parameters:
    ///   - greeting: Sent on connect; `nil` sends nothing (a peer that never greets).
    ///   - negotiate: Whether to expect and acknowledge `qmp_capabilities` before the script.
    ///   - script: What happens next.
    public static func start(
        greeting: JSONValue? = FakeQMPServer.qemu72Greeting,
        negotiate: Bool = true,
        script: [Step]
    ) async throws -> FakeQMPServer {
        var template = Array("/tmp/swiftvirt-fakeqmp-XXXXXX".utf8CString)
        let directory = try template.withUnsafeMutableBufferPointer { buffer -> String in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else {
                throw FakeQMPScriptFailure(problems: ["mkdtemp failed: errno \(errno)"])
            }
            return String(cString: base)
        }
        let socketPath = directory + "/qmp.sock"
        let steps = (negotiate ? [Step.expect("qmp_capabilities")] : []) + script
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(unixDomainSocketPath: socketPath) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(FakeQMPLineDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        let server = FakeQMPServer(socketPath: socketPath, directory: directory, serverChannel: channel)
        // The script runs on the server's event loop, not Swift's pool: a suite that keeps the pool busy with
        // CPU-bound cases must not hold back a greeting that a client waits for under a deadline.
        Task(executorPreference: server.executor) { await server.serve(greeting: greeting, steps: steps) }
        return server
    }

    /// Starts a server, runs `body` with it, and stops it (removing its socket) however `body` ends.
    @discardableResult
    public static func with<Result>(
        greeting: JSONValue? = FakeQMPServer.qemu72Greeting,
        negotiate: Bool = true,
        script: [Step],
        _ body: (FakeQMPServer) async throws -> Result
    ) async throws -> Result {
        let server = try await start(greeting: greeting, negotiate: negotiate, script: script)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    private init(
        socketPath: String,
        directory: String,
        serverChannel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    ) {
        self.socketPath = socketPath
        self.directory = directory
        self.serverChannel = serverChannel
        self.scriptDone = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: Void.self)
        self.executor = EventLoopTaskExecutor(serverChannel.channel.eventLoop)
    }

    /// Every command received so far, as the JSON objects the client sent.
    public var requests: [JSONValue] {
        state.withLock { $0.requests }
    }

    /// Waits until the script has run to its end, then throws `FakeQMPScriptFailure` if the
    /// client deviated from it; returns the commands received.
    @discardableResult
    public func finish(timeout: Duration = .seconds(10)) async throws -> [JSONValue] {
        let timer = scriptDone.futureResult.eventLoop.scheduleTask(in: .nanoseconds(Self.nanoseconds(timeout))) {
            self.record("the script did not finish within \(timeout)")
            self.scriptDone.succeed(())
        }
        try await scriptDone.futureResult.get()
        timer.cancel()
        let (requests, problems) = state.withLock { ($0.requests, $0.problems) }
        guard problems.isEmpty else { throw FakeQMPScriptFailure(problems: problems) }
        return requests
    }

    /// Stops listening, closes any connection and removes the socket directory.
    public func stop() async {
        try? await serverChannel.channel.close()
        try? await state.withLock({ $0.connection })?.close()
        scriptDone.succeed(())
        unlink(socketPath)
        rmdir(directory)
    }

    private func record(_ problem: String) {
        state.withLock { $0.problems.append(problem) }
    }

    private func serve(greeting: JSONValue?, steps: [Step]) async {
        do {
            try await serverChannel.executeThenClose { connections in
                for try await connection in connections {
                    let first = state.withLock { state in
                        state.connections += 1
                        if state.connections == 1 { state.connection = connection.channel }
                        return state.connections == 1
                    }
                    guard first else {
                        // Like QEMU's monitor, serve one client; later ones are simply not served.
                        try? await connection.channel.close()
                        continue
                    }
                    Task(executorPreference: executor) { await self.play(steps, greeting: greeting, on: connection) }
                }
            }
        } catch {
            record("the listening socket failed: \(error)")
        }
    }

    private func play(_ steps: [Step], greeting: JSONValue?, on connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>)
        async
    {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var player = FakeQMPPlayer(inbound: inbound.makeAsyncIterator(), outbound: outbound, server: self)
                if let greeting { try await player.write(greeting) }
                let ending = try await player.run(steps)
                scriptDone.succeed(())
                if ending == .endOfScript { try await player.refuseLateCommands() }
            }
        } catch {
            record("the connection failed: \(error)")
        }
        scriptDone.succeed(())
    }

    fileprivate func received(_ request: JSONValue) {
        state.withLock { $0.requests.append(request) }
    }

    fileprivate func problem(_ text: String) {
        record(text)
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// Plays the steps on one connection.
private struct FakeQMPPlayer {
    var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let server: FakeQMPServer
    var held: [String: JSONValue] = [:]

    enum Ending {
        /// Every step ran; the connection stays open.
        case endOfScript
        /// A `.close` step: the connection is to be closed.
        case closeRequested
        /// The client deviated or left early (already recorded).
        case deviation
    }

    mutating func run(_ steps: [FakeQMPServer.Step]) async throws -> Ending {
        for step in steps {
            switch step {
            case .expect(let command, let arguments, let reply):
                guard let id = try await read(command, arguments: arguments) else { return .deviation }
                try await write(Self.reply(reply, id: id))
            case .hold(let command, let arguments):
                guard let id = try await read(command, arguments: arguments) else { return .deviation }
                held[command] = id
            case .answer(let command, let reply):
                guard let id = held.removeValue(forKey: command) else {
                    server.problem("script error: no held '\(command)' to answer")
                    return .deviation
                }
                try await write(Self.reply(reply, id: id))
            case .event(let name, let data):
                let stamp = FakeQMPServer.eventTimestamp
                var event: [String: JSONValue] = [
                    "event": .string(name),
                    "timestamp": ["seconds": .int(stamp.seconds), "microseconds": .int(stamp.microseconds)],
                ]
                if data != .null { event["data"] = data }
                try await write(.object(event))
            case .raw(let text):
                try await outbound.write(ByteBuffer(string: text))
            case .pause(let duration):
                try await Task.sleep(for: duration)
            case .close:
                return .closeRequested
            }
        }
        return .endOfScript
    }

    /// After the script, any further command is a deviation; it gets an error reply.
    mutating func refuseLateCommands() async throws {
        while let line = try await inbound.next() {
            let request = (try? JSONValue(parsing: String(buffer: line))) ?? .string(String(buffer: line))
            server.received(request)
            server.problem("a command after the script ended: \(request)")
            try await write(
                Self.reply(
                    .failure(class: "GenericError", desc: "FakeQMPServer: unexpected command"),
                    id: request["id"] ?? .null
                )
            )
        }
    }

    /// Reads the next command; returns its id, or nil (after recording why) if it is not the expected one.
    private mutating func read(_ command: String, arguments: [String: JSONValue]?) async throws -> JSONValue? {
        guard let line = try await inbound.next() else {
            server.problem("the client closed the connection while '\(command)' was expected")
            return nil
        }
        let text = String(buffer: line)
        guard let request = try? JSONValue(parsing: text) else {
            server.problem("expected '\(command)', got text that is not JSON: \(text)")
            return nil
        }
        server.received(request)
        guard request["execute"]?.stringValue == command else {
            server.problem("expected '\(command)', got \(request)")
            return nil
        }
        if let arguments, request["arguments"] != .object(arguments) {
            server.problem(
                "'\(command)' expected arguments \(JSONValue.object(arguments)), got \(request["arguments"] ?? .null)"
            )
            return nil
        }
        return request["id"] ?? .null
    }

    func write(_ message: JSONValue) async throws {
        // QEMU's own layout: its JSON, then CRLF.
        try await outbound.write(ByteBuffer(string: message.description + "\r\n"))
    }

    private static func reply(_ reply: FakeQMPServer.Reply, id: JSONValue) -> JSONValue {
        switch reply {
        case .success(let value):
            ["return": value, "id": id]
        case .failure(let errorClass, let desc):
            ["error": ["class": .string(errorClass), "desc": .string(desc)], "id": id]
        }
    }
}

/// Splits the client's bytes into lines (LF, optional CR), capped at 1 MiB.
private struct FakeQMPLineDecoder: NIOSingleStepByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    mutating func decode(buffer: inout ByteBuffer) throws -> ByteBuffer? {
        guard let lineFeed = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 1 << 20 { throw FakeQMPScriptFailure(problems: ["a line over 1 MiB"]) }
            return nil
        }
        guard var line = buffer.readSlice(length: lineFeed - buffer.readerIndex) else { return nil }
        buffer.moveReaderIndex(forwardBy: 1)
        if line.readableBytesView.last == UInt8(ascii: "\r") { line.moveWriterIndex(to: line.writerIndex - 1) }
        return line
    }

    mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> ByteBuffer? {
        try decode(buffer: &buffer)
    }
}
