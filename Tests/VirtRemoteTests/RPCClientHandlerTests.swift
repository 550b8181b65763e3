import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import Testing
import VirtModel
import VirtRPC
@testable import VirtRemote

/// The client handler on an EmbeddedChannel: frames out byte for byte (the protocol notes' Appendix A),
/// replies matched by serial in any order, server errors intact, events routed without a consumer, keepalive.
@Suite struct RPCClientHandlerTests {
    final class Harness {
        let channel = EmbeddedChannel()
        let events: AsyncStream<RPCPacket>

        init() throws {
            let (events, continuation) = AsyncStream.makeStream(of: RPCPacket.self, bufferingPolicy: .unbounded)
            self.events = events
            let (decoder, handler) = RPCClient.handlers(events: continuation)
            try channel.pipeline.syncOperations.addHandlers(decoder, handler)
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 16509)).wait()
        }

        /// Sends a call as RPCClient does and returns its reply future.
        func call<Args: Encodable>(
            _ procedure: RemoteProcedure, serial: UInt32, _ args: Args, stream: RPCStreamReceiver? = nil
        ) throws -> EventLoopFuture<ByteBuffer> {
            let header = RPCHeader(program: RPCProgram.remote, procedure: procedure.rawValue, type: .call, serial: serial)
            let frame = try RPCFrameEncoder.encode(header: header, body: args)
            let reply = channel.eventLoop.makePromise(of: ByteBuffer.self)
            try channel.writeOutbound(RPCClientOutbound.call(serial: serial, frame: frame, reply: reply, stream: stream))
            return reply.futureResult
        }

        func written() throws -> String? {
            try channel.readOutbound(as: ByteBuffer.self).map(hexString)
        }

        func result(_ future: EventLoopFuture<ByteBuffer>) -> Result<ByteBuffer, VirtError>? {
            var outcome: Result<ByteBuffer, VirtError>?
            future.whenComplete { result in
                outcome = result.mapError { ($0 as? VirtError) ?? VirtError(.internalError, .none, "\($0)") }
            }
            channel.embeddedEventLoop.run()
            return outcome
        }
    }

    @Test func callsAreNumberedByTheCallerAndFramedAsLibvirtFramesThem() throws {
        let harness = try Harness()
        _ = try harness.call(.authList, serial: 0, XDRVoid())
        #expect(try harness.written() == "0000001c" + "20008086" + "00000001" + "00000042" + "00000000" + "00000000" + "00000000")
        _ = try harness.call(.connectOpen, serial: 2, RemoteConnectOpenArgs(name: "test:///default", flags: 0))
        #expect(try harness.written() == "00000038200080860000000100000001000000000000000200000000"
                + "000000010000000f746573743a2f2f2f64656661756c740000000000")
    }

    @Test func overlappingCallsAreMatchedBySerialInAnyOrder() throws {
        let harness = try Harness()
        let first = try harness.call(.connectSupportsFeature, serial: 0, RemoteConnectSupportsFeatureArgs(feature: 10))
        let second = try harness.call(.connectSupportsFeature, serial: 1, RemoteConnectSupportsFeatureArgs(feature: 14))
        try harness.channel.writeInbound(serverFrame(procedure: 60, serial: 1, payload: "00000000"))
        try harness.channel.writeInbound(serverFrame(procedure: 60, serial: 0, payload: "00000001"))
        #expect(try harness.result(first)?.get().getInteger(at: 0, as: Int32.self) == 1)
        #expect(try harness.result(second)?.get().getInteger(at: 0, as: Int32.self) == 0)
    }

    @Test func aServerErrorKeepsItsCodeDomainMessageAndExtraFields() throws {
        let harness = try Harness()
        let lookup = try harness.call(.domainLookupByName, serial: 4, RemoteDomainLookupByNameArgs(name: "nosuch"))
        // §2.3's example: the test driver's NO_DOMAIN, byte for byte.
        let payload = "0000002a 0000000c 00000001 00000010 446f6d61696e206e6f7420666f756e64 00000002 00000000"
            + " 00000001 00000010 446f6d61696e206e6f7420666f756e64 00000000 00000000 ffffffff ffffffff 00000000"
        try harness.channel.writeInbound(serverFrame(procedure: 23, serial: 4, status: .error, payload: payload))
        guard case .failure(let error) = harness.result(lookup) else {
            Issue.record("the call did not fail")
            return
        }
        #expect(error.code == .noDomain)
        #expect(error.domain == .test)
        #expect(error.message == "Domain not found")
        #expect(error.str1 == "Domain not found")
        #expect(error.str2 == nil)
        #expect(error.int1 == -1 && error.int2 == -1)
    }

    @Test func eventsAreRoutedWithoutAConsumerAndNeverHoldUpReplies() async throws {
        let harness = try Harness()
        let call = try harness.call(.connectGetType, serial: 7, XDRVoid())
        // Appendix A's lifecycle event, serial 1 as libvirtd sends it, many times over with nobody reading.
        let event = "00000000 00000008 72706370 726f6265 6695eb01f6a4830479aa97f2502e193f 00000005 00000004 00000000"
        for _ in 0..<1000 {
            try harness.channel.writeInbound(serverFrame(procedure: 318, type: .message, serial: 1, payload: event))
        }
        try harness.channel.writeInbound(serverFrame(procedure: 3, serial: 7, payload: "00000004 54455354"))
        #expect(try harness.result(call)?.get().readableBytes == 8)
        var iterator = harness.events.makeAsyncIterator()
        let first = try #require(await iterator.next())
        let domainEvent = try #require(RemoteDriver.domainEvent(from: first))
        #expect(domainEvent.domain.name == "rpcprobe")
        #expect(domainEvent.domain.id == 5)
        #expect(domainEvent.body == .lifecycle(.resumedUnpaused))
    }

    @Test func aPingIsAnsweredWithAPong() throws {
        let harness = try Harness()
        try harness.channel.writeInbound(serverFrame(program: RPCProgram.keepalive, procedure: 1, type: .message, serial: 0))
        #expect(try harness.written() == "0000001c6b656570000000010000000200000002" + "0000000000000000")
    }

    @Test func keepalivePingsASilentServerAndDeclaresItDeadAfterCountPings() throws {
        let harness = try Harness()
        try harness.channel.writeOutbound(RPCClientOutbound.startKeepalive(interval: 5, count: 2))
        let call = try harness.call(.connectGetType, serial: 0, XDRVoid())
        _ = try harness.written()
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(5))  // heard at start: no ping yet
        #expect(try harness.written() == nil)
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(5))
        #expect(try harness.written() == "0000001c6b656570000000010000000100000002" + "0000000000000000")
        // An answer resets the count.
        try harness.channel.writeInbound(serverFrame(program: RPCProgram.keepalive, procedure: 2, type: .message, serial: 0))
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(5))
        #expect(try harness.written() == nil)
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(try harness.written() != nil)
        #expect(try harness.written() != nil)
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(5))
        guard case .failure(let error) = harness.result(call) else {
            Issue.record("the call survived a dead server")
            return
        }
        #expect(error.message == "internal error: connection closed due to keepalive timeout")
        #expect(error.code == .internalError)
        #expect(error.domain == .rpc)
        #expect(!harness.channel.isActive)
    }

    @Test func theEndOfTheSocketFailsWaitingCallsThenLaterCallsAsLibvirtWordsThem() throws {
        let harness = try Harness()
        let waiting = try harness.call(.connectGetType, serial: 0, XDRVoid())
        try harness.channel.close().wait()
        guard case .failure(let eof) = harness.result(waiting) else {
            Issue.record("the call survived the end of the socket")
            return
        }
        #expect(eof.message == "End of file while reading data: Input/output error")
        #expect(eof.code == .systemError)
        #expect(eof.domain == .rpc)
        let late = RPCClientStateMachine.closedCallError(after: eof)
        #expect(late.message == "internal error: client socket is closed")
    }

    @Test func streamPacketsGoToTheStreamTheirSerialNamesUntilItsEndOrTheConnections() throws {
        let harness = try Harness()
        let seen = NIOLockedValueBox<[String]>([])
        let receiver = RPCStreamReceiver(opened: { _ in }) { packet in
            seen.withLockedValue { $0.append(packet.map { "\($0.header.status) \(hexString($0.payload))" } ?? "connection ended") }
        }
        let uuid = try #require(RemoteUUID(bytes: [UInt8](repeating: 1, count: 16)))
        let console = RemoteDomainOpenConsoleArgs(dom: RemoteNonnullDomain(name: "d", uuid: uuid, id: 1), devName: nil)
        let opened = try harness.call(.domainOpenConsole, serial: 3, console, stream: receiver)
        _ = try harness.written()
        // Data may come before the reply.
        try harness.channel.writeInbound(serverFrame(procedure: 201, type: .stream, serial: 3, status: .continue, payload: "41"))
        try harness.channel.writeInbound(serverFrame(procedure: 201, serial: 3))
        guard case .success = harness.result(opened) else {
            Issue.record("the opening call failed")
            return
        }
        try harness.channel.writeInbound(serverFrame(procedure: 201, type: .stream, serial: 4, status: .continue, payload: "42"))
        try harness.channel.writeInbound(serverFrame(procedure: 201, type: .stream, serial: 3, status: .continue))
        try harness.channel.writeInbound(serverFrame(procedure: 201, type: .stream, serial: 3, status: .ok))
        try harness.channel.writeInbound(serverFrame(procedure: 201, type: .stream, serial: 3, status: .continue, payload: "43"))
        #expect(seen.withLockedValue { $0 } == ["continue 41", "continue ", "ok "], "another serial's data, and anything after the confirmation, is dropped")

        var frame = ByteBuffer()
        RPCFrameEncoder.encodeStreamAbort(of: RPCHeader(program: RPCProgram.remote, procedure: 201, type: .call, serial: 3), into: &frame)
        try harness.channel.writeOutbound(RPCClientOutbound.streamFrame(frame))
        #expect(try harness.written() == "0000001c" + "20008086" + "00000001" + "000000c9" + "00000003" + "00000003" + "00000001",
                "a client's abort: STREAM, status ERROR, no payload")

        let second = try harness.call(.domainOpenConsole, serial: 5, console, stream: receiver)
        try harness.channel.writeInbound(serverFrame(procedure: 201, serial: 5))
        _ = harness.result(second)
        try harness.channel.close().wait()
        #expect(seen.withLockedValue { $0 }.last == "connection ended")
    }

    @Test func aLateReplyToAnAbandonedCallIsDropped() throws {
        let harness = try Harness()
        let call = try harness.call(.domainSave, serial: 3, XDRVoid())
        let timeout = VirtError(.operationTimeout, .rpc, "no reply")
        try harness.channel.writeOutbound(RPCClientOutbound.abandon(serial: 3, error: timeout))
        try harness.channel.writeInbound(serverFrame(procedure: 55, serial: 3))
        guard case .failure(let error) = harness.result(call) else {
            Issue.record("the abandoned call succeeded")
            return
        }
        #expect(error == timeout)
    }
}
