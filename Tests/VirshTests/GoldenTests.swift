import Foundation
import Testing

/// SwiftVirt's virsh against the golden files recorded from Debian's virsh 9.0 by scripts/virsh-goldens.py:
/// the real program, its real argv, standard input and exit status, compared byte for byte after masking.
@Suite("virsh golden files")
struct GoldenTests {
    @Test("matches the reference virsh", arguments: try VirshCase.all())
    func matchesGolden(_ name: String) async throws {
        let virsh = try #require(Binaries.swiftVirt, "build the virsh product first (swift build)")
        let testCase = try VirshCase(named: name)
        let actual = try await testCase.run(virsh)
        let expected = try testCase.expected()
        #expect(actual == expected, "\(name):\n\(TextDiff.unified(expected: expected, actual: actual))")
    }

    @Test("every case has its golden file and every golden file its case")
    func casesArePaired() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: VirshCase.casesDirectory.path)
        let inputs = Set(files.filter { $0.hasSuffix(".in") }.map { $0.dropLast(3) })
        let outputs = Set(files.filter { $0.hasSuffix(".out") }.map { $0.dropLast(4) })
        #expect(inputs == outputs)
        #expect(inputs.count > 250)
    }
}
