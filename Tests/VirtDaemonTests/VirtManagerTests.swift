import Foundation
import Testing
import VirtTestSupport

/// Debian's virt-manager 4.1, headless (Xvfb) and driven by xdotool, manages test:///default through virtd:
/// it connects, lists the domains, and runs, pauses, resumes and forces off one, each action checked with
/// Debian's virsh through the same daemon (scripts/virt-manager-check.sh, which starts its own virtd, Xvfb,
/// D-Bus and virt-manager, and stops them all). Its screenshots and virt-manager's debug log stay in an
/// output directory under /tmp, named in the expectation's message.
@Suite("virt-manager through virtd", .serialized)
struct VirtManagerTests {
    @Test("virt-manager lists the domains and runs, pauses, resumes and forces off one")
    func lifecycleThroughTheGUI() async throws {
        let script = RunningDaemon.packageRoot.appendingPathComponent("scripts/virt-manager-check.sh").path
        let output = "/tmp/virt-manager-check-\(UUID().uuidString.prefix(8))"
        // The script bounds itself to 110 s and cleans up after itself; the timeout is only a backstop.
        let outcome = try await ProcessRun.run(
            "/bin/bash", arguments: [script, RunningDaemon.executable, output], timeout: .seconds(180))
        print("virt-manager-check.sh: screenshots and virt-manager.log in \(output)")
        #expect(outcome.status == 0,
                "virt-manager-check.sh exited with \(outcome.status); screenshots and virt-manager.log in \(output)\n\(outcome.outputText)\(outcome.errorText)")
        // "N passed, M failed": a run that checked nothing must fail, not pass.
        let summary = outcome.outputText.split(separator: "\n").last { $0.contains(" passed, ") }.map(String.init) ?? ""
        let passed = summary.split(separator: " ").first.flatMap { Int($0) } ?? 0
        #expect(passed > 0, "nothing was checked (outputs in \(output)): \(outcome.outputText)\(outcome.errorText)")
        #expect(FileManager.default.fileExists(atPath: output + "/main-window.png"),
                "no screenshot at \(output)/main-window.png")
    }
}
