import Foundation
import NIOCore
import Testing
import VirtRPC
import VirtTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The long fuzz run of the codec, off by default: scripts/fuzz-rpc.sh sets VIRTRPC_FUZZ=<inputs> and runs it
/// in a release build. Structure-aware mutations of every message's valid encoding (bit and byte flips,
/// lengths and counts set to hostile values, truncation, splicing two messages, random words) go to the
/// XDR decoder of that message's type, and whole mutated frames to the frame decoder. Passes when nothing
/// but XDRError / RPCFrameError came out, no input took longer than a second, and memory stayed bounded.
@Suite struct LongFuzzTests {
    static let inputs = ProcessInfo.processInfo.environment["VIRTRPC_FUZZ"].flatMap { Int($0) } ?? 0

    @Test(.enabled(if: inputs > 0)) func millionsOfInputs() throws {
        let seeds = try allMessageSamples.map { sample in (sample, Array(try sample.encoded().readableBytesView)) }
        var rng = SeededGenerator(seed: UInt64(ProcessInfo.processInfo.environment["VIRTRPC_FUZZ_SEED"] ?? "") ?? 0xF022)
        var unexpected: [String] = []
        var slowest: Duration = .zero
        var decoded = 0
        let clock = ContinuousClock()
        let started = clock.now
        for round in 0..<Self.inputs {
            let (sample, valid) = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
            var bytes = valid
            Self.mutate(&bytes, splicing: seeds[Int.random(in: 0..<seeds.count, using: &rng)].1, rng: &rng)
            let before = clock.now
            if round % 8 == 0 {
                var frame = ByteBuffer()
                frame.writeInteger(UInt32(28 + bytes.count))
                frame.writeBytes([0x20, 0x00, 0x80, 0x86, 0, 0, 0, 1, 0, 0, 0, 23, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0])
                frame.writeBytes(bytes)
                var raw = Array(frame.readableBytesView)
                if round % 16 == 0 { Self.mutate(&raw, splicing: [], rng: &rng) }
                var decoder = RPCFrameDecoder()
                var input = ByteBuffer(bytes: raw)
                do {
                    while try decoder.decode(buffer: &input) != nil { decoded += 1 }
                } catch where !(error is RPCFrameError) {
                    unexpected.append("frame: \(error)")
                } catch {}
            } else {
                do {
                    if try sample.decodesToValue(ByteBuffer(bytes: bytes)) { decoded += 1 }
                } catch where !(error is XDRError) {
                    unexpected.append("\(sample): \(error)")
                } catch {}
            }
            slowest = max(slowest, clock.now - before)
            if unexpected.count > 10 { break }
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("""
            fuzz-rpc: \(Self.inputs) inputs in \(clock.now - started), \(decoded) decoded as valid, \
            slowest input \(slowest), peak resident memory \(usage.ru_maxrss / 1024) MiB
            """)
        #expect(unexpected.isEmpty, "\(unexpected)")
        #expect(slowest < .seconds(1), "an input took \(slowest)")
        #expect(usage.ru_maxrss < 512 * 1024, "peak resident memory \(usage.ru_maxrss) KiB")
    }

    /// One structure-aware mutation: the kinds of damage that make XDR decoders misbehave.
    static func mutate(_ bytes: inout [UInt8], splicing other: [UInt8], rng: inout SeededGenerator) {
        let word = bytes.count >= 4 ? Int.random(in: 0...(bytes.count - 4), using: &rng) & ~3 : 0
        switch Int.random(in: 0..<8, using: &rng) {
        case 0 where !bytes.isEmpty:
            bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
        case 1 where !bytes.isEmpty:
            bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
        case 2 where bytes.count >= 4:
            // A length or count set to something hostile.
            let hostile: [UInt32] = [0xFFFF_FFFF, 0x7FFF_FFFF, 0x8000_0000, 0x0040_0001, 0x0100_0000, 16385, 3, 0]
            let value = hostile[Int.random(in: 0..<hostile.count, using: &rng)]
            bytes.replaceSubrange(word..<word + 4, with: withUnsafeBytes(of: value.bigEndian, Array.init))
        case 3 where !bytes.isEmpty:
            bytes.removeLast(Int.random(in: 1...bytes.count, using: &rng))
        case 4:
            bytes += other.prefix(Int.random(in: 0...other.count, using: &rng))
        case 5:
            bytes.insert(contentsOf: (0..<4).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: word)
        case 6 where bytes.count >= 4:
            bytes.removeSubrange(word..<word + 4)
        default:
            bytes = (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...3, using: &rng) }
        }
    }
}
