import NIOCore
import NIOEmbedded
import Testing

@testable import QMP

/// The handler in an in-memory channel: bytes in, bytes out, no sockets.
@Suite("QMPChannelHandler")
struct QMPChannelHandlerTests {
    final class Harness {
        let channel = EmbeddedChannel()
        let negotiation: EventLoopPromise<QMPGreeting>
        let events: AsyncStream<QMPEvent>
        var passed: [CInt] = []

        init(passDescriptors: Bool = false) throws {
            negotiation = channel.eventLoop.makePromise(of: QMPGreeting.self)
            let (events, continuation) = AsyncStream.makeStream(of: QMPEvent.self)
            self.events = events
            let sender: QMPChannelHandler.DescriptorSender? =
                passDescriptors
                ? { [unowned self] descriptor in
                    self.passed.append(descriptor)
                    return .success(())
                } : nil
            try channel.pipeline.syncOperations.addHandlers(
                ByteToMessageHandler(QMPFrameDecoder()),
                QMPChannelHandler(negotiation: negotiation, events: continuation, sendDescriptor: sender)
            )
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 4444)).wait()
        }

        func receive(_ line: String) throws {
            try channel.writeInbound(ByteBuffer(string: line + "\r\n"))
        }

        func sentLine() throws -> String? {
            try channel.readOutbound(as: ByteBuffer.self).map { String(buffer: $0) }
        }

        func negotiate() throws {
            try receive(
                #"{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}, "package": ""}, "capabilities": []}}"#
            )
            #expect(try sentLine() == "{\"execute\":\"qmp_capabilities\",\"id\":0}\r\n")
            try receive(#"{"return": {}, "id": 0}"#)
        }

        func send(_ id: UInt64, _ command: String, arguments: [String: JSONValue]? = nil, descriptor: CInt? = nil)
            -> EventLoopFuture<JSONValue>
        {
            let reply = channel.eventLoop.makePromise(of: JSONValue.self)
            let request = QMPRequest(
                id: id,
                command: command,
                arguments: arguments,
                descriptor: descriptor,
                reply: reply
            )
            channel.writeAndFlush(QMPOutbound.command(request), promise: nil)
            return reply.futureResult
        }
    }

    @Test("answers the greeting with qmp_capabilities and reports the greeting")
    func negotiation() throws {
        let harness = try Harness()
        try harness.negotiate()
        let greeting = try harness.negotiation.futureResult.wait()
        #expect(greeting.version == QMPVersion(major: 7, minor: 2, micro: 0))
    }

    @Test("writes commands with their ids and completes each from its own reply")
    func commandsAndReplies() throws {
        let harness = try Harness()
        try harness.negotiate()
        let status = harness.send(1, "query-status")
        let balloon = harness.send(2, "balloon", arguments: ["value": 1024])
        #expect(try harness.sentLine() == "{\"execute\":\"query-status\",\"id\":1}\r\n")
        #expect(try harness.sentLine() == "{\"execute\":\"balloon\",\"arguments\":{\"value\":1024},\"id\":2}\r\n")
        try harness.receive(
            #"{"id": 2, "error": {"class": "DeviceNotActive", "desc": "No balloon device has been activated"}}"#
        )
        try harness.receive(#"{"return": {"status": "running", "running": true}, "id": 1}"#)
        #expect(try status.wait() == ["status": "running", "running": true])
        #expect(
            throws: QMPError.commandFailed(
                command: "balloon",
                class: "DeviceNotActive",
                desc: "No balloon device has been activated"
            )
        ) {
            try balloon.wait()
        }
    }

    @Test("a malformed line fails every waiting command with the decoding error and closes")
    func malformedLine() throws {
        let harness = try Harness()
        try harness.negotiate()
        let pending = harness.send(1, "stop")
        _ = try harness.sentLine()
        #expect(harness.channel.isActive)
        try harness.receive("{not json")
        #expect(!harness.channel.isActive)
        let error = try #require(throws: QMPError.self) { try pending.wait() }
        guard case .decoding(_, let line) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(line == "{not json")
    }

    @Test("closing fails waiting commands, the negotiation, and ends the events")
    func closing() async throws {
        let harness = try Harness()
        try harness.receive(
            #"{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}}, "capabilities": []}}"#
        )
        try await harness.channel.close().get()
        await #expect(throws: QMPError.closed) { try await harness.negotiation.futureResult.get() }
        var iterator = harness.events.makeAsyncIterator()
        #expect(await iterator.next() == nil)
    }

    @Test("events reach the stream in order")
    func events() async throws {
        let harness = try Harness()
        try harness.negotiate()
        try harness.receive(#"{"timestamp": {"seconds": 1, "microseconds": 5}, "event": "STOP"}"#)
        try harness.receive(#"{"timestamp": {"seconds": 2, "microseconds": 0}, "event": "RESUME"}"#)
        _ = try harness.channel.finish()
        var names: [String] = []
        for await event in harness.events { names.append(event.name) }
        #expect(names == ["STOP", "RESUME"])
    }

    @Test("descriptor-passing commands go one at a time, each descriptor just before its command")
    func descriptorsInOrder() throws {
        let harness = try Harness(passDescriptors: true)
        try harness.negotiate()
        let first = harness.send(1, "getfd", arguments: ["fdname": "a"], descriptor: 41)
        let second = harness.send(2, "getfd", arguments: ["fdname": "b"], descriptor: 42)
        let plain = harness.send(3, "query-status")
        #expect(harness.passed == [41])
        #expect(try harness.sentLine()?.contains("\"fdname\":\"a\"") == true)
        #expect(try harness.sentLine()?.contains("query-status") == true)
        #expect(try harness.sentLine() == nil)
        try harness.receive(#"{"return": {}, "id": 1}"#)
        #expect(harness.passed == [41, 42])
        #expect(try harness.sentLine()?.contains("\"fdname\":\"b\"") == true)
        try harness.receive(#"{"return": {}, "id": 2}"#)
        try harness.receive(#"{"return": {"status": "running", "running": true}, "id": 3}"#)
        _ = try first.wait()
        _ = try second.wait()
        _ = try plain.wait()
    }

    @Test("a connection that cannot pass descriptors fails such commands without sending them")
    func noDescriptorSupport() throws {
        let harness = try Harness()
        try harness.negotiate()
        let reply = harness.send(1, "getfd", arguments: ["fdname": "a"], descriptor: 7)
        #expect(throws: QMPError.transport("this connection cannot pass descriptors")) { try reply.wait() }
        #expect(try harness.sentLine() == nil)
    }

    @Test("abandoning a command fails it now and drops its late reply")
    func abandon() throws {
        let harness = try Harness()
        try harness.negotiate()
        let reply = harness.send(1, "migrate", arguments: ["uri": "exec:cat >/dev/null"])
        _ = try harness.sentLine()
        harness.channel.writeAndFlush(QMPOutbound.abandon(id: 1, error: .timeout("test")), promise: nil)
        #expect(throws: QMPError.timeout("test")) { try reply.wait() }
        try harness.receive(#"{"return": {}, "id": 1}"#)
        #expect(harness.channel.isActive)
    }
}
