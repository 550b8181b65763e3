import Foundation
import Testing
import Virt
import VirtTestSupport

/// AUTH_POLKIT on a unix socket, against a fresh private libvirtd 9.0 whose read-write socket asks for it:
/// root is let in, and another user's connection makes the remote driver ask AUTH_POLKIT, whose refusal (no
/// polkit here: no system bus) arrives with libvirtd's own error, as through Debian's virsh.
@Suite("polkit authentication", .serialized)
struct PolkitTests {
    @Test(.enabled(if: PrivateLibvirtd.isAvailable && ProcessRunner.which("setpriv") != nil, "needs root, libvirtd and setpriv"))
    func polkitSocket() async throws {
        let daemon = try await PrivateLibvirtd(settings: ["auth_unix_rw = \"polkit\""])
        // The user's copy of our virsh: the build directory may be closed to other users.
        let copy = NSTemporaryDirectory() + "svpk-\(UUID().uuidString.prefix(8))"
        do {
            try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            // Copied by another process: a file this process had open for writing could be inherited by another
            // test's fork at that moment, and exec refuses a file open for writing ("Text file busy").
            let copied = try await ProcessRunner.run("/bin/cp", [SSHTransportTests.ourVirsh, copy + "/virsh"])
            try #require(copied.status == 0, "\(copied.error)")
            try await Self.compare(daemon.testURI, ourVirsh: copy + "/virsh")
        } catch {
            await daemon.stop()
            try? FileManager.default.removeItem(atPath: copy)
            throw error
        }
        await daemon.stop()
        try? FileManager.default.removeItem(atPath: copy)
    }

    static func compare(_ uri: String, ourVirsh: String) async throws {
        let conn = try await Connection.open(uri)
        #expect(try await conn.lookupDomain(name: "test").info().state == .running)
        conn.close()
        let theirs = try await ProcessRunner.run("/usr/bin/virsh", ["-c", uri, "list"])
        let ours = try await ProcessRunner.run(ourVirsh, ["-c", uri, "list"])
        #expect(theirs.status == 0 && ours.output == theirs.output, "ours: \(ours.output)\(ours.error)\ntheirs: \(theirs.output)\(theirs.error)")

        let asNobody = ["--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME=/tmp"]
        let theirRefusal = try await ProcessRunner.run("/usr/bin/setpriv", asNobody + ["/usr/bin/virsh", "-c", uri, "list"])
        let ourRefusal = try await ProcessRunner.run("/usr/bin/setpriv", asNobody + [ourVirsh, "-c", uri, "list"])
        #expect(theirRefusal.status == 1 && theirRefusal.error.contains("system bus"), "\(theirRefusal.error)")
        #expect(ourRefusal.status == theirRefusal.status && ourRefusal.error == theirRefusal.error,
                "ours: \(ourRefusal.error)\ntheirs: \(theirRefusal.error)")
    }
}
