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
          arguments: ["--all --loop --timeout 4", "--domain test --event lifecycle --loop --timeout 4", "--all --timeout 4"])
    func sameOutput(arguments: String) async throws {
        let daemon = try await RunningDaemon.start()
        let uri = daemon.uri()
        // A watcher holds test:///default open, so every client sees one host state until the end.
        let holder = try ProcessRunner.start("/usr/bin/virsh", ["-c", uri, "event --all --loop --timeout 8"])
        let debian = try ProcessRunner.start("/usr/bin/virsh", ["-c", uri, "event \(arguments)"])
        let ours = try ProcessRunner.start(Self.swiftVirsh, ["-c", uri, "event \(arguments)"])
        // All three connected (on a busy host a fixed second was not always enough: Debian's virsh then
        // missed every event), then a moment for their event registrations, which follow at once.
        let deadline = ContinuousClock.now + .seconds(30)
        // (virtd binds its sockets under a staging name in the same directory, which the table shows.)
        while UnixSocketTable.connections(where: { $0.hasPrefix(daemon.directory + "/") }) < 3, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
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
