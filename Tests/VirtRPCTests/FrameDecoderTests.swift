import NIOCore
import NIOTestUtils
import Testing
import VirtRPC
import VirtTestSupport

@Suite struct FrameDecoderTests {
    func frame(procedure: Int32, serial: UInt32, payload: [UInt8]) -> (ByteBuffer, RPCPacket) {
        let header = RPCHeader(
            program: RPCProgram.remote, version: 1, procedure: procedure, type: .call, serial: serial, status: .ok)
        var bytes = ByteBuffer()
        RPCFrameEncoder.encode(header: header, payload: buffer(payload), into: &bytes)
        return (bytes, RPCPacket(header: header, payload: buffer(payload)))
    }

    /// Raw bytes with the given length word, followed by `total - 4` filler bytes.
    func raw(lengthWord: UInt32, total: Int) -> ByteBuffer {
        var bytes = ByteBuffer()
        bytes.writeInteger(lengthWord)
        bytes.writeRepeatingByte(0, count: max(0, total - 4))
        return bytes
    }

    @Test func verifierWholeSplitAndBatched() throws {
        let one = frame(procedure: 1, serial: 0, payload: hex("00000001 0000000f 74657374 3a2f2f2f 64656661 756c7400 00000000"))
        let two = frame(procedure: 2, serial: 1, payload: [])
        let three = frame(procedure: 23, serial: 2, payload: hex("00000004 74657374"))
        var all = one.0
        all.writeImmutableBuffer(two.0)
        all.writeImmutableBuffer(three.0)
        // The verifier feeds the input whole, one byte at a time and in random chunks.
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [(one.0, [one.1]), (two.0, [two.1]), (all, [one.1, two.1, three.1])],
            decoderFactory: { RPCFrameDecoder() })
    }

    @Test func byteByByte() throws {
        let (bytes, packet) = frame(procedure: 60, serial: 9, payload: hex("0000000a"))
        var decoder = RPCFrameDecoder()
        var input = ByteBuffer()
        var out: [RPCPacket] = []
        for byte in bytes.readableBytesView {
            input.writeInteger(byte)
            if let packet = try decoder.decode(buffer: &input) { out.append(packet) }
        }
        #expect(out == [packet])
        #expect(input.readableBytes == 0)
    }

    @Test func severalInOneBuffer() throws {
        var input = ByteBuffer()
        var expected: [RPCPacket] = []
        for serial in 0..<10 {
            let (bytes, packet) = frame(procedure: Int32(serial + 1), serial: UInt32(serial), payload: Array(repeating: UInt8(serial), count: serial * 4))
            input.writeImmutableBuffer(bytes)
            expected.append(packet)
        }
        var decoder = RPCFrameDecoder()
        var out: [RPCPacket] = []
        while let packet = try decoder.decode(buffer: &input) { out.append(packet) }
        #expect(out == expected)
    }

    @Test func unknownTypeAndStatusSurvive() throws {
        var input = buffer(hex("0000001c 20008086 00000001 00000063 00000009 00000007 0000000b"))
        var decoder = RPCFrameDecoder()
        let packet = try #require(try decoder.decode(buffer: &input))
        #expect(packet.header.type.rawValue == 9)
        #expect(packet.header.status.rawValue == 11)
        #expect(packet.header.procedure == 99)
        #expect(packet.header.serial == 7)
    }

    @Test(arguments: [UInt32(0), 1, 2, 3])
    func lengthBelowFourIsTooSmall(length: UInt32) {
        var decoder = RPCFrameDecoder()
        var input = raw(lengthWord: length, total: 40)
        #expect(throws: RPCFrameError.tooSmall(length)) { try decoder.decode(buffer: &input) }
        #expect(RPCFrameError.tooSmall(length).description == "packet \(length) bytes received from client too small, want 4")
    }

    @Test(arguments: Array(UInt32(4)...27))
    func lengthWithoutRoomForHeader(length: UInt32) {
        var decoder = RPCFrameDecoder()
        var input = raw(lengthWord: length, total: Int(length))
        #expect(throws: RPCFrameError.cannotDecodeHeader) { try decoder.decode(buffer: &input) }
        #expect(RPCFrameError.cannotDecodeHeader.description == "Unable to decode message header")
    }

    @Test func exactlyMaxIsAccepted() throws {
        let lengthWord = UInt32(RPCLimits.maxPacket + 4)
        var input = ByteBuffer()
        input.writeInteger(lengthWord)
        RPCHeader(program: RPCProgram.remote, procedure: 1, type: .call, serial: 0).write(to: &input)
        // Arrives in two reads: nothing is produced until the last byte is there.
        var decoder = RPCFrameDecoder()
        input.writeRepeatingByte(0xab, count: RPCLimits.maxPayload - 1)
        #expect(try decoder.decode(buffer: &input) == nil)
        input.writeInteger(UInt8(0xab))
        let packet = try #require(try decoder.decode(buffer: &input))
        #expect(packet.payload.readableBytes == RPCLimits.maxPayload)
        #expect(input.readableBytes == 0)
    }

    @Test func maxPlusOneIsTooLarge() {
        let lengthWord = UInt32(RPCLimits.maxPacket + 5)
        var decoder = RPCFrameDecoder()
        var input = raw(lengthWord: lengthWord, total: 64)
        #expect(throws: RPCFrameError.tooLarge(lengthWord)) { try decoder.decode(buffer: &input) }
        #expect(RPCFrameError.tooLarge(lengthWord).description
            == "packet 33554433 bytes received from client too large, want 33554432")
        #expect(RPCFrameError.tooLarge(lengthWord).message(receivedFrom: "server")
            == "packet 33554433 bytes received from server too large, want 33554432")
        var huge = raw(lengthWord: .max, total: 8)
        #expect(throws: RPCFrameError.tooLarge(.max)) { try decoder.decode(buffer: &huge) }
    }

    @Test func partialLengthWordWaits() throws {
        var decoder = RPCFrameDecoder()
        var input = buffer([0, 0, 0])
        #expect(try decoder.decode(buffer: &input) == nil)
        #expect(input.readableBytes == 3)
    }

    @Test func eofInsideAPacket() throws {
        let (bytes, _) = frame(procedure: 1, serial: 0, payload: hex("00000001"))
        var input = bytes.getSlice(at: 0, length: bytes.readableBytes - 2) ?? ByteBuffer()
        var decoder = RPCFrameDecoder()
        #expect(try decoder.decode(buffer: &input) == nil)
        #expect(throws: RPCFrameError.incompletePacket(received: 30)) {
            try decoder.decodeLast(buffer: &input, seenEOF: true)
        }
    }

    /// Random bytes and mutated frames never crash the decoder; every outcome is a packet, nil or an RPCFrameError.
    @Test func fuzz() async {
        var rng = SeededGenerator(seed: 0x5EED_F4A3E)
        let (valid, _) = frame(procedure: 23, serial: 5, payload: hex("00000004 74657374"))
        var unexpected: [String] = []
        for round in 0..<4000 {
            if round % 200 == 0 { await Task.yield() }
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int.random(in: 0...96, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            } else {
                bytes = valid.bytes
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            }
            var decoder = RPCFrameDecoder(maxPacket: 1 << 16)
            var input = buffer(bytes)
            do {
                while try decoder.decode(buffer: &input) != nil {}
            } catch where !(error is RPCFrameError) {
                unexpected.append("\(error)")
            } catch {}
        }
        #expect(unexpected.isEmpty, "\(unexpected.prefix(3))")
    }
}
