import Foundation
import Testing
import VirtTestSupport
@testable import VirtDaemon

/// virtd's TLS listener driven by Debian's virsh 9.0, with certificates the test makes. The expected error
/// lines are what Debian's virsh prints against a private libvirtd 9.0 with the same certificates and
/// settings (measured; VirtRemoteTests.TLSTests repeats them against libvirtd itself).
@Suite(.serialized, .enabled(if: TestPKI.isAvailable && ProcessRunner.which("virsh") != nil, "needs openssl and Debian's virsh"))
struct TLSTests {
    /// virtd with a TLS listener on a random port; retried on another port if that one was taken.
    static func startDaemon(_ pki: TestPKI, server: String = "server", extra: [String] = []) async throws -> (RunningDaemon, Int) {
        var lastError: (any Error)?
        for _ in 0..<5 {
            let port = TestPKI.randomPort()
            do {
                let daemon = try await RunningDaemon.start(
                    settings: pki.serverSettings(port: port, server: server) + extra, arguments: ["--listen"])
                return (daemon, port)
            } catch {
                lastError = error
            }
        }
        throw lastError ?? RunningDaemon.StartFailure(description: "no port")
    }

    static func virsh(_ uri: String, _ arguments: [String]) async throws -> ProcessRunner.Result {
        try await ProcessRunner.run("/usr/bin/virsh", ["-q", "-c", uri] + arguments)
    }

    /// The line virsh prints for the failure (after "failed to connect to the hypervisor").
    static func lastError(_ result: ProcessRunner.Result) -> String {
        result.error.split(separator: "\n").last { $0.hasPrefix("error: ") }.map(String.init) ?? result.error
    }

    @Test(.timeLimit(.minutes(2))) func debianVirshManagesTheDaemonOverTLS() async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        let (daemon, port) = try await Self.startDaemon(pki)
        let uri = "test+tls://127.0.0.1:\(port)/default?pkipath=\(pki.clientDirectory("client"))"
        let list = try await Self.virsh(uri, ["list"])
        #expect(list.status == 0, "\(list.error)")
        #expect(list.output.contains("test   running"))
        let info = try await Self.virsh(uri, ["dominfo", "test"])
        #expect(info.output.contains("Security model:") || info.output.contains("State:          running"))
        // One connection: test:///default starts afresh once its last client has gone, in libvirtd as in virtd.
        let suspend = try await Self.virsh(uri, ["suspend test; domstate test"])
        #expect(suspend.status == 0, "\(suspend.error)")
        #expect(suspend.output.contains("paused"), "\(suspend.output)")
        // The host name may be a name the certificate carries too.
        let byName = "test+tls://localhost:\(port)/default?pkipath=\(pki.clientDirectory("client"))"
        #expect(try await Self.virsh(byName, ["list", "--name"]).output.contains("test"))
        // CONNECT_IS_SECURE is 1 over TLS (virsh's "connect" does not print it; python does).
        let secure = try await ProcessRunner.run("/usr/bin/python3", ["-c", "import libvirt; print(libvirt.open('\(uri)').isSecure())"])
        #expect(secure.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(secure.error)")
        _ = await daemon.stop()
    }

    @Test(.timeLimit(.minutes(2))) func refusedClientsSeeLibvirtdsErrors() async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        let (daemon, port) = try await Self.startDaemon(pki)
        func uri(_ client: String, _ extra: String = "") -> String {
            "test+tls://127.0.0.1:\(port)/default?pkipath=\(pki.clientDirectory(client))\(extra)"
        }
        let refused = "error: Unable to read TLS confirmation: Input/output error"
        // Not on tls_allowed_dn_list; a CA the daemon does not trust (no_verify so the client goes ahead);
        // an expired client certificate the client does not check itself (no_sanity).
        for target in [uri("outsider"), uri("wrongca", "&no_verify=1"), uri("expired", "&no_sanity=1")] {
            let result = try await Self.virsh(target, ["list"])
            #expect(result.status == 1)
            #expect(Self.lastError(result) == refused, "\(target): \(result.error)")
        }
        // The client's own checks, before any byte reaches the daemon.
        let expired = try await Self.virsh(uri("expired"), ["list"])
        #expect(Self.lastError(expired) == "error: The client certificate \(pki.clientDirectory("expired"))/clientcert.pem has expired")
        let wrongCA = try await Self.virsh(uri("wrongca"), ["list"])
        #expect(Self.lastError(wrongCA) == "error: authentication failed: Failed to verify peer's certificate")
        let stopped = await daemon.stop()
        #expect(stopped.error.contains("Failed ACL check for client DN 'C=GB,L=Paris,O=Elsewhere,CN=outsider'"))
    }

    @Test(.timeLimit(.minutes(2))) func aServerCertificateForAnotherHostIsRefusedByTheClient() async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        let (daemon, port) = try await Self.startDaemon(pki, server: "otherhost")
        let uri = "test+tls://127.0.0.1:\(port)/default?pkipath=\(pki.clientDirectory("client"))"
        let result = try await Self.virsh(uri, ["list"])
        #expect(Self.lastError(result) == "error: authentication failed: Failed to verify peer's certificate")
        #expect(try await Self.virsh(uri + "&no_verify=1", ["list", "--name"]).output.contains("test"))
        _ = await daemon.stop()
    }

    @Test func tlsNoVerifyCertificateAdmitsAnyClient() async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        let (daemon, port) = try await Self.startDaemon(pki, extra: ["tls_no_verify_certificate = 1"])
        let uri = "test+tls://127.0.0.1:\(port)/default?pkipath=\(pki.clientDirectory("outsider"))"
        #expect(try await Self.virsh(uri, ["list", "--name"]).output.contains("test"))
        _ = await daemon.stop()
    }

    @Test func startupNamesTheMissingFileAsLibvirtdDoes() async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        let settings = pki.serverSettings(port: TestPKI.randomPort()).map {
            $0.hasPrefix("ca_file") ? "ca_file = \"\(pki.directory)/none/cacert.pem\"" : $0
        }
        let failure = await #expect(throws: RunningDaemon.StartFailure.self) {
            try await RunningDaemon.start(settings: settings, arguments: ["--listen"])
        }
        #expect(failure?.description.contains("Cannot read CA certificate '\(pki.directory)/none/cacert.pem': No such file or directory") == true)
    }

    @Test func plainTCPNeedsAuthNoneAndSASLIsRefused() {
        var config = DaemonConfig(unixSocketDirectory: "/tmp/x")
        config.listenTCP = true
        #expect(DaemonMain.unavailableAuthentication(config)?.contains("auth_tcp = \"sasl\" is not available") == true)
        config.authTCP = .none
        #expect(DaemonMain.unavailableAuthentication(config) == nil)
        config.authTLS = .sasl
        #expect(DaemonMain.unavailableAuthentication(config)?.contains("auth_tls") == true)
    }

    @Test func allowedNamesAreGlobsOverGnuTLSsDNString() {
        let names = AllowedNames(patterns: ["C=GB,L=London,O=SwiftVirt Test,CN=*", "CN=exact"])
        #expect(names.allows("C=GB,L=London,O=SwiftVirt Test,CN=client"))
        #expect(!names.allows("C=GB,L=Paris,O=Elsewhere,CN=outsider"))
        #expect(names.allows("CN=exact"))
        #expect(!names.allows("CN=exact2"))
        #expect(AllowedNames(patterns: ["C=?B,*"]).allows("C=GB,CN=x"))
        #expect(!AllowedNames(patterns: ["[C]=GB"]).allows("C=GB"))  // no character classes in GLib's globs
    }

    @Test func listenPlansTLSOnItsPort() {
        var config = DaemonConfig(unixSocketDirectory: "/tmp/x")
        config.listenAddress = "127.0.0.1"
        config.tlsPort = "26514"
        let planned = Listener.planned(by: config, listen: true)
        #expect(planned.count == 3)
        #expect(planned.last?.tls == true && planned.last?.secure == true)
        #expect(Listener.planned(by: config, listen: false).count == 2)
    }
}
