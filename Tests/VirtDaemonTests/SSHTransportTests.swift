import Foundation
import Testing
import Virt
import VirtTestSupport

/// `DRIVER+ssh://` both ways, against a host reached over real ssh (scripts/test-ssh-host.sh: OpenSSH's sshd,
/// with its own host key and a key the script makes, in a private mount namespace whose libvirt sockets are
/// virtd's): SwiftVirt's remote driver with
/// swiftvirt-ssh-helper on the far side, and Debian's virsh with libvirt's own virt-ssh-helper, printing the
/// same, and both through netcat (`proxy=netcat`, `socket=`); a host that cannot be reached gives libvirt's
/// error with ssh's own words.
@Suite("the ssh transport", .serialized)
struct SSHTransportTests {
    static let script = RunningDaemon.packageRoot.appendingPathComponent("scripts/test-ssh-host.sh").path
    static let ourVirsh = URL(fileURLWithPath: RunningDaemon.executable).deletingLastPathComponent().appendingPathComponent("virsh").path

    /// `ourHelper` false: the far side has only libvirt's virt-ssh-helper, as a libvirt host has.
    static func withHost(ourHelper: Bool = true, _ body: (_ uri: (String) -> String) async throws -> Void) async throws {
        let directory = NSTemporaryDirectory() + "svssh-\(UUID().uuidString.prefix(8))"
        let port = Int.random(in: 30000..<40000)
        var environment = ProcessInfo.processInfo.environment
        environment["VIRTD"] = RunningDaemon.executable
        // The far side's PATH: swiftvirt-ssh-helper beside virtd, then the system's (virt-ssh-helper).
        let built = URL(fileURLWithPath: RunningDaemon.executable).deletingLastPathComponent().path
        environment["PATH"] = (ourHelper ? "\(built):" : "") + "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        let up = try await ProcessRunner.run(script, ["up", directory, "\(port)"], environment: environment)
        try #require(up.status == 0, "\(up.error)")
        let uri = { (driverPath: String) in
            "test+ssh://root@127.0.0.1:\(port)\(driverPath)?keyfile=\(directory)/id&no_tty=1&no_verify=1&command=\(directory)/ssh"
        }
        do {
            try await body(uri)
        } catch {
            _ = try? await ProcessRunner.run(script, ["down", directory])
            throw error
        }
        _ = try await ProcessRunner.run(script, ["down", directory])
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test("the Swift API manages the far host's virtd over ssh, through swiftvirt-ssh-helper")
    func swiftAPIOverSSH() async throws {
        try await Self.withHost { uri in
            let conn = try await Connection.open(uri("/default"))
            defer { conn.close() }
            #expect(try conn.hypervisorType() == "TEST")
            let dom = try await conn.lookupDomain(name: "test")
            try await dom.suspend()
            #expect(try await dom.state().state == .paused)
            try await dom.resume()
            #expect(try await conn.domains().map(\.name) == ["test"])
        }
    }

    @Test("the Swift API through libvirt's virt-ssh-helper, where SwiftVirt's helper is not installed")
    func throughLibvirtsHelper() async throws {
        try await Self.withHost(ourHelper: false) { uri in
            let conn = try await Connection.open(uri("/default"))
            defer { conn.close() }
            #expect(try await conn.domains().map(\.name) == ["test"])
            #expect(try await conn.lookupDomain(name: "test").info().state == .running)
        }
    }

    @Test("Debian's virsh over ssh (libvirt's virt-ssh-helper on the far side) and ours print the same")
    func virshOverSSH() async throws {
        let debian = "/usr/bin/virsh"
        try await Self.withHost { uri in
            let script = "list --all; dominfo test; suspend test; domstate test; resume test"
            let theirs = try await ProcessRunner.run(debian, ["-c", uri("/default"), script])
            let ours = try await ProcessRunner.run(Self.ourVirsh, ["-c", uri("/default"), script])
            #expect(theirs.status == 0, "\(theirs.error)")
            // The test driver's CPU time is the clock's: the two runs differ there only.
            let comparable = { (text: String) in text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("CPU time:") } }
            #expect(comparable(ours.output) == comparable(theirs.output), "ours:\n\(ours.output)\(ours.error)\ntheirs:\n\(theirs.output)")
            #expect(ours.status == theirs.status)
        }
    }

    @Test("proxy=netcat (nc -U to the far side's socket, libvirt's legacy mode) and socket=: Debian's virsh and ours print the same")
    func netcatProxy() async throws {
        try await Self.withHost(ourHelper: false) { uri in
            for parameters in ["&proxy=netcat&netcat=/usr/bin/nc", "&socket=/run/libvirt/libvirt-sock"] {
                let conn = try await Connection.open(uri("/default") + parameters)
                #expect(try await conn.lookupDomain(name: "test").info().state == .running)
                conn.close()
                let script = "list --all; dominfo test; suspend test; domstate test; resume test"
                let theirs = try await ProcessRunner.run("/usr/bin/virsh", ["-c", uri("/default") + parameters, script])
                let ours = try await ProcessRunner.run(Self.ourVirsh, ["-c", uri("/default") + parameters, script])
                #expect(theirs.status == 0, "\(parameters): \(theirs.error)")
                let comparable = { (text: String) in text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("CPU time:") } }
                #expect(comparable(ours.output) == comparable(theirs.output), "\(parameters) ours:\n\(ours.output)\(ours.error)\ntheirs:\n\(theirs.output)")
                #expect(ours.status == theirs.status)
            }
        }
    }

    @Test("a host ssh cannot reach: libvirt's error, with ssh's reason in it")
    func unreachableHost() async throws {
        let uri = "test+ssh://root@127.0.0.1:1/default?no_tty=1&no_verify=1"
        // Debian's virsh once exited 1 printing nothing on a loaded host (a run in ten); such a run is retried.
        var theirs = try await ProcessRunner.run("/usr/bin/virsh", ["-c", uri, "list"])
        for _ in 0..<3 where theirs.error.isEmpty {
            theirs = try await ProcessRunner.run("/usr/bin/virsh", ["-c", uri, "list"])
        }
        let ours = try await ProcessRunner.run(Self.ourVirsh, ["-c", uri, "list"])
        #expect(theirs.status == 1)
        #expect(ours.status == 1)
        #expect(ours.error.contains("ssh: connect to host 127.0.0.1 port 1: Connection refused"), "\(ours.error)")
        #expect(ours.error == theirs.error, "ours: \(ours.error)\ntheirs: \(theirs.error)")
    }
}

/// The `ext` transport: `command=` runs with its standard input and output as the connection (here `nc -U`
/// to a virtd's socket), for Debian's virsh and ours alike; without `command=`, libvirt's error.
@Suite("the ext transport")
struct ExternalTransportTests {
    @Test("DRIVER+ext:///PATH?command=...: Debian's virsh and ours print the same through the command")
    func externalCommand() async throws {
        let daemon = try await RunningDaemon.start()
        do {
            try await Self.compare(daemon)
        } catch {
            await daemon.stop()
            throw error
        }
        await daemon.stop()
    }

    static func compare(_ daemon: RunningDaemon) async throws {
        // Written by another process: a file this process had open for writing could be inherited by another
        // test's fork at that moment, and exec refuses a file open for writing ("Text file busy").
        let script = daemon.directory + "/to-virtd"
        let made = try await ProcessRunner.run("/bin/sh", ["-c", "printf '#!/bin/sh\\nexec nc -U %s\\n' \"$1\" >\"$2\" && chmod 755 \"$2\"", "sh", daemon.socket, script])
        try #require(made.status == 0, "\(made.error)")
        let uri = "test+ext:///default?command=\(script)"
        let conn = try await Connection.open(uri)
        #expect(try await conn.lookupDomain(name: "test").info().state == .running)
        conn.close()
        let commands = "list --all; domstate test; suspend test; domstate test; resume test; uri"
        let theirs = try await ProcessRunner.run("/usr/bin/virsh", ["-c", uri, commands])
        let ours = try await ProcessRunner.run(SSHTransportTests.ourVirsh, ["-c", uri, commands])
        #expect(theirs.status == 0, "\(theirs.error)")
        #expect(ours.output == theirs.output, "ours:\n\(ours.output)\(ours.error)\ntheirs:\n\(theirs.output)")

        let missing = "test+ext:///default"
        let theirError = try await ProcessRunner.run("/usr/bin/virsh", ["-c", missing, "list"])
        let ourError = try await ProcessRunner.run(SSHTransportTests.ourVirsh, ["-c", missing, "list"])
        #expect(ourError.status == theirError.status && ourError.error == theirError.error,
                "ours: \(ourError.error)\ntheirs: \(theirError.error)")
    }
}

