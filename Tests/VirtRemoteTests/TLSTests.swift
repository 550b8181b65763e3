import FoundationEssentials
import Glibc
import Testing
import Virt
import VirtModel
import VirtTestSupport
@testable import VirtRemote

/// The remote driver over TLS, with certificates the test makes, against SwiftVirt's virtd and against a fresh
/// private libvirtd 9.0 (in its own mount namespace but the host's network namespace, listening on
/// 127.0.0.1 at a random port, so this process reaches it): the same calls work and every refusal is the
/// same VirtError (code, domain, message) from both daemons, as Debian's client reports it.
@Suite(.serialized, .enabled(if: TestPKI.isAvailable && PrivateLibvirtd.isAvailable, "needs root, openssl and Debian's libvirtd"))
struct TLSTests {
    /// One daemon of either kind serving TLS on 127.0.0.1:port.
    enum Daemon {
        case virtd(ProcessRunner.Running, directory: String)
        case libvirtd(PrivateLibvirtd)

        func stop() async {
            switch self {
            case .virtd(let process, let directory):
                kill(process.pid, SIGTERM)
                _ = await process.wait()
                try? FileManager.default.removeItem(atPath: directory)
            case .libvirtd(let daemon):
                await daemon.stop()
            }
        }
    }

    static let virtdBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("virtd").path

    static func start(_ kind: String, _ pki: TestPKI, server: String = "server") async throws -> (Daemon, Int) {
        for _ in 0..<5 {
            let port = TestPKI.randomPort()
            let settings = pki.serverSettings(port: port, server: server)
            let daemon: Daemon
            if kind == "libvirtd" {
                daemon = .libvirtd(try await PrivateLibvirtd(settings: settings, listen: true))
            } else {
                let directory = "/tmp/swiftvirt-virtd-\(UUID().uuidString.prefix(8))"
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                let config = (["unix_sock_dir = \"\(directory)\""] + settings).joined(separator: "\n") + "\n"
                try config.write(toFile: directory + "/virtd.conf", atomically: true, encoding: .utf8)
                daemon = .virtd(try ProcessRunner.start(virtdBinary, ["--listen", "-f", directory + "/virtd.conf"]),
                                directory: directory)
            }
            if await listening(port) { return (daemon, port) }
            await daemon.stop()
        }
        throw VirtError(.internalError, .none, "no \(kind) listening after 5 tries")
    }

    /// Waits up to 10 s for something to accept on 127.0.0.1:port.
    static func listening(_ port: Int) async -> Bool {
        for _ in 0..<100 {
            let probe = try? await ProcessRunner.run("/bin/bash", ["-c", "exec 3<>/dev/tcp/127.0.0.1/\(port)"])
            if probe?.status == 0 { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    static func refusal(_ uri: String) async -> VirtError? {
        do {
            let connection = try await Connection.open(uri)
            connection.close()
            return nil
        } catch {
            return error
        }
    }

    @Test(.timeLimit(.minutes(2)), arguments: ["virtd", "libvirtd"])
    func theSwiftAPIWorksOverTLS(_ kind: String) async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        let (daemon, port) = try await Self.start(kind, pki)
        let uri = "test+tls://127.0.0.1:\(port)/default?pkipath=\(pki.clientDirectory("client"))"
        do {
            let connection = try await Connection.open(uri)
            #expect(try connection.hypervisorType() == "TEST")
            #expect(try await connection.domains().map(\.name) == ["test"])
            let test = try await connection.lookupDomain(name: "test")
            try await test.suspend()
            #expect(try await test.info().state == .paused)
            try await test.resume()
            #expect(try await test.info().state == .running)
            connection.close()
            // A name the certificate carries, and the default port's absence of a listener named correctly.
            let byName = try await Connection.open("test+tls://localhost:\(port)/default?pkipath=\(pki.clientDirectory("client"))")
            #expect(try await byName.domains().count == 1)
            byName.close()
        } catch {
            await daemon.stop()
            throw error
        }
        await daemon.stop()
    }

    @Test(.timeLimit(.minutes(2)), arguments: ["virtd", "libvirtd"])
    func refusalsAreLibvirtsErrors(_ kind: String) async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        let (daemon, port) = try await Self.start(kind, pki)
        func uri(_ client: String, _ extra: String = "") -> String {
            "test+tls://127.0.0.1:\(port)/default?pkipath=\(pki.clientDirectory(client))\(extra)"
        }
        let dropped = (ErrorCode.systemError, "Unable to read TLS confirmation: Input/output error")
        let unverified = (ErrorCode.authFailed, "authentication failed: Failed to verify peer's certificate")
        let expected: [(String, (ErrorCode, String))] = [
            (uri("outsider"), dropped),
            (uri("wrongca", "&no_verify=1"), dropped),
            (uri("expired", "&no_sanity=1"), dropped),
            (uri("wrongca"), unverified),
            (uri("expired"), (.systemError, "The client certificate \(pki.clientDirectory("expired"))/clientcert.pem has expired")),
            ("test+tls://127.0.0.1:\(port)/default?pkipath=\(pki.directory)/none",
             (.systemError, "Cannot read CA certificate '\(pki.directory)/none/cacert.pem': No such file or directory")),
        ]
        for (target, (code, message)) in expected {
            let error = await Self.refusal(target)
            #expect(error?.code == code, "\(kind) \(target): \(String(describing: error))")
            #expect(error?.domain == .rpc, "\(kind) \(target)")
            #expect(error?.message == message, "\(kind) \(target)")
        }
        await daemon.stop()
    }

    @Test(.timeLimit(.minutes(2)), arguments: ["virtd", "libvirtd"])
    func aServerCertificateForAnotherHostIsRefused(_ kind: String) async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        let (daemon, port) = try await Self.start(kind, pki, server: "otherhost")
        let uri = "test+tls://127.0.0.1:\(port)/default?pkipath=\(pki.clientDirectory("client"))"
        let error = await Self.refusal(uri)
        #expect(error?.code == .authFailed)
        #expect(error?.message == "authentication failed: Failed to verify peer's certificate")
        let unchecked = await Self.refusal(uri + "&no_verify=1")
        #expect(unchecked == nil, "\(String(describing: unchecked))")
        await daemon.stop()
    }

    @Test func filesAreFoundWhereLibvirtLooks() {
        let pki = TLSFiles.locate(pkipath: "/p", userID: 1000, home: "/home/u", fileExists: { _ in false })
        #expect(pki == TLSFiles(caCertificate: "/p/cacert.pem", revocationList: "/p/cacrl.pem",
                                certificate: "/p/clientcert.pem", privateKey: "/p/clientkey.pem"))
        let system = TLSFiles.locate(pkipath: nil, userID: 0, home: "/root", fileExists: { _ in true })
        #expect(system.caCertificate == "/etc/pki/CA/cacert.pem")
        #expect(system.certificate == "/etc/pki/libvirt/clientcert.pem")
        #expect(system.privateKey == "/etc/pki/libvirt/private/clientkey.pem")
        let user = TLSFiles.locate(pkipath: nil, userID: 1000, home: "/home/u", fileExists: { $0 == "/home/u/.pki/libvirt/clientcert.pem" })
        #expect(user.caCertificate == "/home/u/.pki/libvirt/cacert.pem")
        let fallback = TLSFiles.locate(pkipath: nil, userID: 1000, home: "/home/u", fileExists: { _ in false })
        #expect(fallback == system)
    }
}
