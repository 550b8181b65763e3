import Foundation
import Testing

/// The same cases run live through Debian's virsh and SwiftVirt's, when the former is installed:
/// catches golden files gone stale against the reference. Debian's virsh 9.0 sometimes hangs on exit after
/// save/restore, so a reference run that takes too long is retried (30 s each: on a CI host busy with TCG
/// guests a healthy run has taken over 15 s).
@Suite("virsh against /usr/bin/virsh", .enabled(if: Binaries.reference != nil, "needs libvirt-clients"))
struct DifferentialTests {
    @Test("same output as the reference, live", arguments: try VirshCase.all())
    func matchesReference(_ name: String) async throws {
        let virsh = try #require(Binaries.swiftVirt, "build the virsh product first (swift build)")
        let reference = try #require(Binaries.reference)
        let testCase = try VirshCase(named: name)
        let expected = try await runReference(testCase, reference)
        let actual = try await testCase.run(virsh)
        #expect(actual == expected, "\(name):\n\(TextDiff.unified(expected: expected, actual: actual))")
    }

    private func runReference(_ testCase: VirshCase, _ reference: URL) async throws -> String {
        for _ in 1..<5 {
            if let result = try? await testCase.run(reference, timeout: .seconds(30)) { return result }
        }
        return try await testCase.run(reference, timeout: .seconds(30))
    }
}
