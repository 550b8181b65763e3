import Foundation
import Testing
import VirtTestSupport

/// `help` and `virsh -h` list only SwiftVirt's commands, so they cannot equal virsh 9.0's; every line they
/// print must appear in the reference's (Fixtures/reference, recorded by scripts/virsh-goldens.py) in the
/// same order: same groups, same command order, same summaries, same layout.
@Suite("virsh overviews")
struct OverviewTests {
    @Test("help lists a subset of virsh's help, in order", arguments: [["help"], ["-h"]])
    func overviewIsOrderedSubset(_ arguments: [String]) async throws {
        let virsh = try #require(Binaries.swiftVirt, "build the virsh product first (swift build)")
        let name = arguments == ["help"] ? "help.txt" : "usage.txt"
        let reference = try String(
            contentsOf: VirshCase.fixtures.appendingPathComponent("reference").appendingPathComponent(name),
            encoding: .utf8)
        let result = try await ProcessRun.run(
            virsh, arguments: arguments, input: Data(), directory: URL(fileURLWithPath: "/"),
            environment: ["PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"], timeout: .seconds(30))
        #expect(result.status == 0)
        #expect(result.error.isEmpty)
        let ours = String(decoding: result.output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var remaining = reference.split(separator: "\n", omittingEmptySubsequences: false)[...]
        for line in ours {
            guard let index = remaining.firstIndex(of: line) else {
                Issue.record("line not in the reference's \(name), or out of order: \(line)")
                return
            }
            remaining = remaining[(index + 1)...]
        }
        // The "Virsh itself" group is complete in SwiftVirt, so it must be there.
        #expect(ours.contains(" Virsh itself (help keyword 'virsh')" + (arguments == ["help"] ? ":" : "")))
    }
}
