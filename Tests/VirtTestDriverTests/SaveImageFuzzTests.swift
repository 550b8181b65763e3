import Foundation
import Testing
import VirtDriver
import VirtTestSupport
import VirtXML
@testable import VirtTestDriver

/// The test driver's save files (libvirt's layout: magic, native length, XML) against damaged files:
/// valid images mutated (hostile lengths, flips, truncation, garbage) and fuzzed XML inside, read as
/// `restore` reads them. Nothing but a VirtError may come out, no input may take a second, memory stays
/// bounded (`restore /dev/zero` once allocated 35 GB).
///
/// Short on every build (`SWIFTVIRT_FUZZ_SAVE`, default 1,500); scripts/fuzz-inputs.sh runs millions.
@Suite struct SaveImageFuzzTests {
    static let inputs = FuzzRun.inputs(from: "SWIFTVIRT_FUZZ_SAVE", default: 1_500)

    @Test func damagedImagesFailCleanly() throws {
        let path = FuzzRun.scratchPath("test-save-image")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let documents = [
            "<domain type='test'><name>a</name><memory>1024</memory><os><type>hvm</type></os></domain>",
            "<domain type='test'><name>b</name><memory unit='GiB'>2</memory><vcpu>4</vcpu><os><type>hvm</type></os><devices><disk type='file'><source file='/a'/><target dev='hda'/></disk></devices></domain>",
        ]
        let seeds = try documents.map { xml -> [UInt8] in
            try TestSaveImage.write(try DomainDefinition(xml: xml, defaults: .libvirtTestDriver), to: path)
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        var rng = SeededGenerator(seed: UInt64(ProcessInfo.processInfo.environment["SWIFTVIRT_FUZZ_SEED"] ?? "") ?? 0x7E57)
        var run = FuzzRun(name: "fuzz-test-save-image")
        for _ in 0..<Self.inputs {
            var bytes = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
            for _ in 0..<Int.random(in: 1...3, using: &rng) { BinaryMutation.mutate(&bytes, rng: &rng) }
            try FuzzRun.write(bytes, to: path)
            run.attempt(bytes, {
                _ = try TestSaveImage.read(from: path, defaults: .libvirtTestDriver)
                return true
            }, expected: { $0 is VirtError })
        }
        print(run.summary)
        #expect(run.problems(expectedInputs: Self.inputs).isEmpty, "\(run.problems(expectedInputs: Self.inputs))")
    }
}
