import NIOCore
import Testing
import VirtModel
import VirtRPC
@testable import VirtDaemon

/// libvirtd's answers before any driver is asked, as pure state: no sockets, no drivers.
@Suite("client state machine")
struct ClientStateMachineTests {
    static func call(_ procedure: Int32, serial: UInt32 = 0, program: UInt32 = RPCProgram.remote,
                     version: UInt32 = RPCProgram.version, payload: [UInt8] = []) -> RPCPacket {
        RPCPacket(header: RPCHeader(program: program, version: version, procedure: procedure, type: .call,
                                    serial: serial, status: .ok),
                  payload: ByteBuffer(bytes: payload))
    }

    static func machine(requests: Int = 5, auth: Bool = false) -> ClientStateMachine {
        ClientStateMachine(table: .daemon, maxRequests: requests, needsAuthentication: auth)
    }

    static func error(_ action: ClientStateMachine.Action) -> VirtError? {
        if case .replyError(_, let error) = action { return error }
        return nil
    }

    static func runs(_ action: ClientStateMachine.Action) -> RemoteProcedure? {
        if case .run(_, let entry) = action { return entry.procedure }
        return nil
    }

    @Test("a keepalive PING is answered with a PONG at any time, a PONG is taken silently")
    func keepalive() {
        var machine = Self.machine(auth: true)
        let ping = RPCPacket(header: RPCHeader(program: RPCProgram.keepalive, version: 1, procedure: 1, type: .message,
                                               serial: 0, status: .ok), payload: ByteBuffer())
        guard case .pong = machine.received(ping) else { Issue.record("no PONG"); return }
        var pong = ping
        pong.header.procedure = 2
        guard case .none = machine.received(pong) else { Issue.record("a PONG was answered"); return }
    }

    @Test("stream packets of the REMOTE program go to the client's streams; a client's MESSAGE means nothing")
    func streamPackets() {
        var machine = Self.machine()
        for type in [RPCMessageType.stream, .streamHole] {
            var packet = Self.call(RemoteProcedure.domainOpenConsole.rawValue, serial: 7)
            packet.header.type = type
            guard case .stream(let routed) = machine.received(packet) else { Issue.record("\(type) not routed"); return }
            #expect(routed == packet)
            packet.header.program = 0x12345678
            guard case .none = machine.received(packet) else { Issue.record("another program's \(type) was routed"); return }
        }
        var message = Self.call(RemoteProcedure.domainEventLifecycle.rawValue)
        message.header.type = .message
        guard case .none = machine.received(message) else { Issue.record("a client's MESSAGE was acted on"); return }
    }

    @Test("unknown programs, versions and procedures are refused with libvirtd's RPC errors")
    func unknownCalls() {
        var machine = Self.machine()
        let program = Self.error(machine.received(Self.call(1, program: 0x12345678)))
        #expect(program?.code == .rpc && program?.domain == .rpc)
        #expect(program?.message == "Cannot find program 305419896 version 1")
        #expect(Self.error(machine.received(Self.call(1, version: 2)))?.message == "Cannot find program 536903814 version 2")
        #expect(Self.error(machine.received(Self.call(9999)))?.message == "unknown procedure: 9999")
    }

    @Test("only authentication and keepalive questions come before CONNECT_OPEN; one open only")
    func openOrder() {
        var machine = Self.machine()
        let early = Self.error(machine.received(Self.call(RemoteProcedure.domainLookupByName.rawValue)))
        #expect(early?.code == .internalError && early?.domain == .rpc)
        #expect(early?.message == "internal error: hypervisor connection not open")
        #expect(Self.runs(machine.received(Self.call(RemoteProcedure.authList.rawValue))) == .authList)
        #expect(machine.finished(.authList, succeeded: true) == nil)
        #expect(Self.runs(machine.received(Self.call(RemoteProcedure.connectOpen.rawValue))) == .connectOpen)
        #expect(Self.error(machine.received(Self.call(RemoteProcedure.connectOpen.rawValue)))?.message
                == "internal error: connection already open")
        _ = machine.finished(.connectOpen, succeeded: true)
        #expect(Self.runs(machine.received(Self.call(RemoteProcedure.domainLookupByName.rawValue))) == .domainLookupByName)
    }

    @Test("a socket that needs authentication refuses everything else until then")
    func authentication() {
        var machine = Self.machine(auth: true)
        #expect(Self.error(machine.received(Self.call(RemoteProcedure.connectOpen.rawValue)))?.message
                == "authentication required")
        #expect(Self.runs(machine.received(Self.call(RemoteProcedure.authList.rawValue))) == .authList)
        machine.authenticate()
        #expect(Self.runs(machine.received(Self.call(RemoteProcedure.connectOpen.rawValue))) == .connectOpen)
    }

    @Test("no more than max_client_requests calls run at once; the rest wait in order")
    func requestLimit() {
        var machine = Self.machine(requests: 2)
        _ = machine.received(Self.call(RemoteProcedure.connectOpen.rawValue))
        _ = machine.finished(.connectOpen, succeeded: true)
        let lookup = RemoteProcedure.domainLookupByName.rawValue
        #expect(Self.runs(machine.received(Self.call(lookup, serial: 1))) != nil)
        #expect(Self.runs(machine.received(Self.call(lookup, serial: 2))) != nil)
        guard case .queued = machine.received(Self.call(lookup, serial: 3)) else { Issue.record("not queued"); return }
        guard case .queued = machine.received(Self.call(lookup, serial: 4)) else { Issue.record("not queued"); return }
        #expect(machine.isBackedUp)
        #expect(machine.finished(.domainLookupByName, succeeded: true)?.0.header.serial == 3)
        #expect(machine.finished(.domainLookupByName, succeeded: true)?.0.header.serial == 4)
        #expect(!machine.isBackedUp)
    }

    @Test("after CONNECT_CLOSE the connection closes once nothing runs, and takes no more calls")
    func close() {
        var machine = Self.machine()
        _ = machine.received(Self.call(RemoteProcedure.connectOpen.rawValue))
        _ = machine.finished(.connectOpen, succeeded: true)
        _ = machine.received(Self.call(RemoteProcedure.connectClose.rawValue))
        _ = machine.finished(.connectClose, succeeded: true)
        #expect(machine.shouldClose)
        guard case .none = machine.received(Self.call(RemoteProcedure.domainLookupByName.rawValue)) else {
            Issue.record("a call after CONNECT_CLOSE was taken")
            return
        }
    }
}
