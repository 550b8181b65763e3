import Foundation
import Testing
import VirtDriver
import VirtDriverState
import VirtTestSupport

/// The header reader of qemu:/// and xen:/// save images (``SaveImage``) against damaged files: valid images
/// mutated (hostile lengths, flips, truncation, garbage, another driver's magic) and read from a file as a
/// restore reads them. Nothing but a VirtError may come out, no input may take a second, memory stays
/// bounded (an announced length is never allocated before it is checked).
///
/// Short on every build (`SWIFTVIRT_FUZZ_SAVE`, default 1,500); scripts/fuzz-inputs.sh runs millions.
@Suite struct SaveImageFuzzTests {
    static let inputs = FuzzRun.inputs(from: "SWIFTVIRT_FUZZ_SAVE", default: 1_500)

    @Test func damagedImagesFailCleanly() throws {
        let path = FuzzRun.scratchPath("save-image")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let formats = [SaveImageTests.qemu, SaveImageTests.xen]
        let seeds = formats.flatMap { format in
            ["<domain type='qemu'><name>a</name></domain>", String(repeating: "<x/>", count: 300)].flatMap { xml in
                [true, false].map { SaveImage(format: format, xml: xml, wasRunning: $0).header() + Array("STREAM".utf8) }
            }
        }
        var rng = SeededGenerator(seed: UInt64(ProcessInfo.processInfo.environment["SWIFTVIRT_FUZZ_SEED"] ?? "") ?? 0x5A7E)
        var run = FuzzRun(name: "fuzz-save-image")
        for _ in 0..<Self.inputs {
            var bytes = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
            for _ in 0..<Int.random(in: 1...3, using: &rng) { BinaryMutation.mutate(&bytes, rng: &rng) }
            try FuzzRun.write(bytes, to: path)
            let format = formats[Int.random(in: 0..<formats.count, using: &rng)]
            run.attempt(bytes, {
                _ = try SaveImage.read(path, format: format)
                return true
            }, expected: { $0 is VirtError })
        }
        print(run.summary)
        #expect(run.problems(expectedInputs: Self.inputs).isEmpty, "\(run.problems(expectedInputs: Self.inputs))")
    }
}
