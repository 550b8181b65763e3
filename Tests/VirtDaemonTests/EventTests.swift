import Foundation
import Testing
import VirtTestSupport

/// Domain events end to end: changes made by one client reach other clients as libvirt events, printed by
/// Debian's virsh 9.0 and by SwiftVirt's virsh (through its remote driver) identically, line for line.
@Suite("events through virtd", .serialized)
struct EventTests {
    static let swiftVirsh = URL(fileURLWithPath: RunningDaemon.executable).deletingLastPathComponent()
        .appendingPathComponent("virsh").path

    @Test("virsh event: SwiftVirt's virsh prints what Debian's virsh prints for the same events",
          arguments: ["--all --loop --timeout 8", "--domain test --event lifecycle --loop --timeout 8", "--all --timeout 8"])
    func sameOutput(arguments: String) async throws {
        let daemon = try await RunningDaemon.start()
        let uri = daemon.uri()
        // A watcher holds test:///default open, so every client sees one host state until the end.
        // Debian's virsh logs its calls (to a file: its output is unchanged), so the changes wait until the
        // daemon has answered its event registration (REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
        // 316); ours registers in the same calls and gets a further second. Fixed waits (1 s, then 3 s after
        // all three connected) were not enough on a busy host: both virshes then missed every event.
        let logs = daemon.directory + "/client-logs"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        func logging(_ name: String) -> [String: String] {
            ProcessInfo.processInfo.environment.merging(
                ["LIBVIRT_LOG_FILTERS": "1:rpc", "LIBVIRT_LOG_OUTPUTS": "1:file:\(logs)/\(name).log"]) { $1 }
        }
        func registered(_ name: String) -> Bool {
            let log = (try? String(contentsOfFile: "\(logs)/\(name).log", encoding: .utf8)) ?? ""
            return log.split(separator: "\n").contains { $0.contains("RPC_CLIENT_MSG_RX") && $0.contains(" proc=316 type=1 ") }
        }
        let holder = try ProcessRunner.start(
            "/usr/bin/virsh", ["-c", uri, "event --all --loop --timeout 12"], environment: logging("holder"))
        let debian = try ProcessRunner.start("/usr/bin/virsh", ["-c", uri, "event \(arguments)"], environment: logging("debian"))
        let ours = try ProcessRunner.start(Self.swiftVirsh, ["-c", uri, "event \(arguments)"])
        let deadline = ContinuousClock.now + .seconds(30)
        while !(registered("holder") && registered("debian")), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(registered("debian"), "Debian's virsh did not register for events within 30 s")
        try await Task.sleep(for: .seconds(1))
        let xml = RunningDaemon.packageRoot.appendingPathComponent("Tests/VirshTests/Fixtures/xml/guest.xml").path
        let changes = try await ProcessRunner.run(
            "/usr/bin/virsh", ["-c", uri, "suspend test; resume test; define \(xml); start guest; destroy guest; undefine guest"])
        #expect(changes.status == 0, "\(changes.error)")
        let expected = await debian.wait()
        let got = await ours.wait()
        _ = await holder.wait()
        await daemon.stop()
        #expect(expected.output.contains("event 'lifecycle' for domain 'test': Suspended Paused"), "\(expected.output)")
        #expect(got.output == expected.output)
        #expect(got.error == expected.error)
        #expect(got.status == expected.status)
    }
}
