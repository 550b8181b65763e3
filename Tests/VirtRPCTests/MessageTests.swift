import NIOCore
import Testing
import VirtRPC
import VirtTestSupport

/// Every message struct: round trip, truncation and random input.
@Suite struct MessageTests {
    @Test(arguments: allMessageSamples)
    func roundTrip(sample: MessageSample) throws {
        let bytes = try sample.encoded()
        #expect(bytes.readableBytes % 4 == 0)
        #expect(try sample.decodesToValue(bytes))
    }

    /// Every proper prefix of a valid encoding throws (never crashes, never decodes).
    @Test(arguments: allMessageSamples)
    func truncationsThrow(sample: MessageSample) throws {
        let bytes = try sample.encoded()
        for length in 0..<bytes.readableBytes {
            let prefix = bytes.getSlice(at: bytes.readerIndex, length: length) ?? ByteBuffer()
            #expect(throws: XDRError.self, "\(sample) cut to \(length) bytes") { _ = try sample.decodesToValue(prefix) }
        }
    }

    /// Random buffers and mutated encodings: decoding throws XDRError or returns; it never crashes.
    @Test(arguments: allMessageSamples)
    func fuzz(sample: MessageSample) async throws {
        let valid = try sample.encoded().bytes
        var rng = SeededGenerator(seed: sample.description.utf8.reduce(0xC0FFEE) { $0 &* 31 &+ UInt64($1) })
        var unexpected: [String] = []
        // A short run for the suite (scripts/fuzz-rpc.sh runs millions); it yields now and then so other
        // suites' tasks (fake QMP servers with deadlines) are not queued behind it on the cooperative pool.
        for round in 0..<300 {
            if round % 50 == 0 { await Task.yield() }
            var bytes: [UInt8]
            switch round % 3 {
            case 0:
                bytes = (0..<Int.random(in: 0...80, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            case 1 where !valid.isEmpty:
                bytes = valid
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            default:
                // Small words, the kind that make plausible counts and discriminants.
                bytes = (0..<Int.random(in: 0...24, using: &rng)).flatMap { _ -> [UInt8] in
                    [0, 0, 0, UInt8.random(in: 0...9, using: &rng)]
                }
            }
            do {
                _ = try sample.decodesToValue(buffer(bytes))
            } catch where !(error is XDRError) {
                unexpected.append("\(error)")
            } catch {}
        }
        #expect(unexpected.isEmpty, "\(sample): \(unexpected.prefix(3))")
    }
}
