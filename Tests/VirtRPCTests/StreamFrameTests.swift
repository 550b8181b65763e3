import NIOCore
import Testing
import VirtModel
import VirtRPC

/// Stream packets as libvirt frames them: the opening call's program, procedure and serial with type STREAM;
/// data as CONTINUE in chunks of at most 262120 bytes, its end as an empty CONTINUE, a finish or its
/// confirmation as an empty OK, a client's abort as an empty ERROR, a server's error with a remote_error.
@Suite struct StreamFrameTests {
    static let call = RPCHeader(program: RPCProgram.remote, procedure: RemoteProcedure.domainOpenConsole.rawValue, type: .call, serial: 5)
    /// The header words of a STREAM packet of `call` with `status`, after the length word.
    static func header(_ status: String) -> String { "20008086" + "00000001" + "000000c9" + "00000003" + "00000005" + status }

    static func packets(_ buffer: ByteBuffer) -> [RPCPacket] {
        var rest = buffer
        var packets: [RPCPacket] = []
        while let length = rest.readInteger(as: UInt32.self), var packet = rest.readSlice(length: Int(length) - 4),
              let header = RPCHeader.read(from: &packet) {
            packets.append(RPCPacket(header: header, payload: packet))
        }
        return packets
    }

    @Test func dataGoesInChunksLibvirtSizes() {
        var frames = ByteBuffer()
        RPCFrameEncoder.encodeStreamData(ByteBuffer(repeating: 0x41, count: 2 * RPCLimits.streamChunk + 5), of: Self.call, into: &frames)
        let packets = Self.packets(frames)
        #expect(packets.map(\.payload.readableBytes) == [262_120, 262_120, 5])
        #expect(packets.allSatisfy { $0.header == Self.call.stream(status: .continue) })
        var nothing = ByteBuffer()
        RPCFrameEncoder.encodeStreamData(ByteBuffer(), of: Self.call, into: &nothing)
        #expect(nothing.readableBytes == 0, "no data is no packet (an empty CONTINUE would mean the end)")
        var small = ByteBuffer()
        RPCFrameEncoder.encodeStreamData(ByteBuffer(string: "hi"), of: Self.call, into: &small)
        #expect(hexString(small.readableBytesView) == "0000001e" + Self.header("00000002") + "6869")
    }

    @Test func theEndsAreEmptyPackets() {
        var end = ByteBuffer(), finish = ByteBuffer(), abort = ByteBuffer()
        RPCFrameEncoder.encodeStreamEndOfData(of: Self.call, into: &end)
        RPCFrameEncoder.encodeStreamFinish(of: Self.call, into: &finish)
        RPCFrameEncoder.encodeStreamAbort(of: Self.call, into: &abort)
        #expect(hexString(end.readableBytesView) == "0000001c" + Self.header("00000002"))
        #expect(hexString(finish.readableBytesView) == "0000001c" + Self.header("00000000"), "a finish, and its confirmation")
        #expect(hexString(abort.readableBytesView) == "0000001c" + Self.header("00000001"))
    }

    @Test func aServerErrorCarriesItsRemoteError() throws {
        var frame = ByteBuffer()
        try RPCFrameEncoder.encodeStreamError(RemoteError(VirtError(.rpc, .streams, "stream had I/O failure")), of: Self.call, into: &frame)
        let packet = try #require(Self.packets(frame).first)
        #expect(packet.header == Self.call.stream(status: .error))
        let error = try packet.decode(RemoteError.self).virError
        #expect(error.code == .rpc && error.domain == .streams && error.message == "stream had I/O failure")
    }
}
