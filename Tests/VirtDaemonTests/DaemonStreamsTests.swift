import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing
import VirtModel
import VirtRPC
@testable import VirtDaemon

/// A client's console streams on a real event loop, the console being one end of a socket pair (the test
/// plays the guest on the other): the packets libvirtd sends for data, the console's end, a finish, an abort
/// and a session taken over, and what it ignores.
@Suite("daemon streams")
struct DaemonStreamsTests {
    final class Harness: @unchecked Sendable {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let sent = NIOLockedValueBox<[RPCPacket]>([])
        let guest: Int32
        private let guestOpen = NIOLockedValueBox(true)
        let console: ConsoleStream
        let superseded = NIOLockedValueBox(false)
        let released = NIOLockedValueBox(false)
        var streams: DaemonStreams!
        let call = RPCHeader(program: RPCProgram.remote, procedure: RemoteProcedure.domainOpenConsole.rawValue, type: .call, serial: 9)

        init() throws {
            var pair: [Int32] = [-1, -1]
            guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else { throw POSIXError(.EIO) }
            guest = pair[1]
            let (superseded, released) = (superseded, released)
            console = ConsoleStream(fileDescriptor: pair[0], superseded: { superseded.withLockedValue { $0 } },
                                    onClose: { released.withLockedValue { $0 = true } })
            let loop = group.next()
            let sent = self.sent
            streams = try loop.submit {
                DaemonStreams(loop: loop) { frame in
                    var frame = frame
                    while frame.readableBytes > 0 {
                        let length = Int(frame.readInteger(as: UInt32.self)!) - RPCLimits.lengthSize
                        var packet = frame.readSlice(length: length)!
                        let header = RPCHeader.read(from: &packet)!
                        sent.withLockedValue { $0.append(RPCPacket(header: header, payload: packet)) }
                    }
                }
            }.wait()
        }

        func onLoop<T: Sendable>(_ body: @escaping @Sendable (DaemonStreams) -> T) throws -> T {
            let streams = self.streams!
            return try group.next().submit { body(streams) }.wait()
        }

        func open() throws {
            let (call, console) = (call, console)
            try onLoop { $0.open(call, console: console) }
        }

        func client(_ status: RPCStatus, _ bytes: String = "", type: RPCMessageType = .stream, serial: UInt32 = 9) throws -> Bool {
            let header = RPCHeader(program: RPCProgram.remote, procedure: call.procedure, type: type, serial: serial, status: status)
            let packet = RPCPacket(header: header, payload: ByteBuffer(string: bytes))
            return try onLoop { $0.received(packet) }
        }

        /// Waits until `count` packets were sent; returns them as "status: text" lines.
        func sentPackets(_ count: Int) -> [String] {
            let deadline = Date().addingTimeInterval(5)
            while sent.withLockedValue({ $0.count }) < count, Date() < deadline { usleep(10_000) }
            return sent.withLockedValue { packets in
                packets.map { packet in
                    #expect(packet.header.type == .stream && packet.header.serial == 9 && packet.header.procedure == 201)
                    if packet.header.status == .error, let error = try? XDR.decode(RemoteError.self, from: packet.payload) {
                        return "error: \(error.virError.code.rawValue) \(error.virError.domain.rawValue) \(error.virError.message)"
                    }
                    return "\(packet.header.status): \(String(buffer: packet.payload))"
                }
            }
        }

        func guestSays(_ text: String) {
            _ = text.withCString { write(guest, $0, strlen($0)) }
        }

        func guestHears(_ count: Int) -> String {
            var bytes = [UInt8](repeating: 0, count: count)
            var got = 0
            while got < count {
                let n = bytes[got...].withUnsafeMutableBytes { read(guest, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                got += n
            }
            return String(decoding: bytes[..<got], as: UTF8.self)
        }

        /// The guest's side of the console goes away (QEMU exited).
        func closeGuest() {
            if guestOpen.withLockedValue({ open in defer { open = false }; return open }) { close(guest) }
        }

        deinit {
            closeGuest()
            try? group.syncShutdownGracefully()
        }
    }

    @Test("the console's output becomes STREAM data, the client's data reaches the console, its end is an empty CONTINUE, a finish is confirmed")
    func dataBothWaysThenTheEnd() throws {
        let harness = try Harness()
        #expect(try harness.client(.continue, "early"), "data before the stream is open is ignored")
        try harness.open()
        #expect(try harness.client(.continue, "keys"))
        #expect(harness.guestHears(4) == "keys")
        harness.guestSays("boot text")
        #expect(harness.sentPackets(1) == ["continue: boot text"])
        #expect(try harness.client(.continue, "x", serial: 10), "another serial's data is ignored")
        harness.closeGuest()
        #expect(harness.sentPackets(2).last == "continue: ", "the console's end: CONTINUE with no data")
        #expect(harness.released.withLockedValue { $0 }, "the console is let go at its end")
        #expect(try harness.client(.ok))
        #expect(harness.sentPackets(3).last == "ok: ", "the finish is confirmed")
        #expect(try harness.onLoop { $0.isEmpty })
    }

    @Test("while the client's socket cannot take more, the console is not read; then what waited comes through")
    func backPressure() throws {
        let harness = try Harness()
        try harness.open()
        harness.guestSays("first")
        #expect(harness.sentPackets(1) == ["continue: first"])
        try harness.onLoop { $0.setReading(false) }
        harness.guestSays("held back")
        usleep(300_000)
        #expect(harness.sent.withLockedValue { $0.count } == 1, "nothing is read while the client is backed up")
        try harness.onLoop { $0.setReading(true) }
        #expect(harness.sentPackets(2).last == "continue: held back")
    }

    @Test("an abort lets the console go and is confirmed; a session taken over ends with libvirtd's error; a hole drops the client")
    func abortTakeoverAndHoles() throws {
        let aborting = try Harness()
        try aborting.open()
        #expect(try aborting.client(.error))
        #expect(aborting.sentPackets(1) == ["ok: "])
        #expect(aborting.released.withLockedValue { $0 })

        let takenOver = try Harness()
        try takenOver.open()
        takenOver.superseded.withLockedValue { $0 = true }
        #expect(takenOver.sentPackets(1) == ["error: 39 38 stream had I/O failure"])
        #expect(takenOver.released.withLockedValue { $0 }, "the forced session gets the console")
        #expect(try takenOver.onLoop { $0.isEmpty })

        let holes = try Harness()
        try holes.open()
        #expect(try holes.client(.ok, type: .streamHole) == false)
        #expect(try holes.client(.ok, type: .streamHole, serial: 3), "a hole of no stream is ignored")
        try holes.onLoop { $0.closeAll() }
        #expect(holes.released.withLockedValue { $0 }, "a client that goes lets its consoles go")
    }
}
