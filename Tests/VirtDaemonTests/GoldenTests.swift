import Foundation
import Testing
import VirtTestSupport

/// Debian's virsh 9.0 and python3-libvirt drive `virtd` through every recorded case; their output must be
/// byte for byte what they printed against a fresh private libvirtd 9.0 (Fixtures/, recorded by
/// scripts/daemon-goldens.py, which also runs the comparison so both sides are run and masked alike).
@Suite("virtd against libvirtd's goldens", .serialized)
struct GoldenTests {
    @Test("virsh cases, python3-libvirt programs and raw wire exchanges match libvirtd 9.0", arguments: ["virsh", "python", "wire"])
    func matchesLibvirtd(part: String) async throws {
        let daemon = try await RunningDaemon.start()
        let script = RunningDaemon.packageRoot.appendingPathComponent("scripts/daemon-goldens.py").path
        let outcome = try await ProcessRun.run(
            "/usr/bin/python3", arguments: [script, "--compare", daemon.directory, "--part", part],
            timeout: .seconds(300))
        let log = await daemon.stop()
        #expect(outcome.status == 0, "\(outcome.outputText)\(outcome.errorText)\nvirtd: \(log.error)")
        #expect(log.status == 0, "virtd exited with \(log.status) on SIGTERM: \(log.error)")
        // "N of M match": an empty or missing fixture directory must fail, not pass with nothing compared.
        let summary = outcome.errorText.split(separator: "\n").last { $0.contains(" match (") }.map(String.init) ?? ""
        let total = summary.split(separator: " ").dropFirst(2).first.flatMap { Int($0) } ?? 0
        #expect(total > 0, "nothing was compared: \(outcome.errorText)")
    }
}

/// SwiftVirt's own virsh, through its remote driver, runs the same recorded virsh cases: against libvirtd 9.0
/// itself and against virtd, its output must be byte for byte what Debian's virsh printed against libvirtd.
@Suite("SwiftVirt's virsh through the remote driver", .serialized)
struct RemoteVirshGoldenTests {
    static let swiftVirsh = URL(fileURLWithPath: RunningDaemon.executable).deletingLastPathComponent()
        .appendingPathComponent("virsh").path

    static func compare(_ socketDirectory: String) async throws -> ProcessRun.Outcome {
        let script = RunningDaemon.packageRoot.appendingPathComponent("scripts/daemon-goldens.py").path
        return try await ProcessRun.run(
            "/usr/bin/python3",
            arguments: [script, "--compare", socketDirectory, "--part", "virsh", "--virsh", swiftVirsh],
            timeout: .seconds(300))
    }

    @Test("against a fresh private libvirtd 9.0")
    func againstLibvirtd() async throws {
        let daemon = try await PrivateLibvirtd()
        let outcome = try await Self.compare(daemon.directory)
        await daemon.stop()
        #expect(outcome.status == 0, "\(outcome.outputText)\(outcome.errorText)")
    }

    @Test("against virtd")
    func againstVirtd() async throws {
        let daemon = try await RunningDaemon.start()
        let outcome = try await Self.compare(daemon.directory)
        await daemon.stop()
        #expect(outcome.status == 0, "\(outcome.outputText)\(outcome.errorText)")
    }
}
