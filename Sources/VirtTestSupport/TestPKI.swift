import Foundation

/// A throwaway x509 PKI made by scripts/make-test-pki.sh (openssl) in a fresh temporary directory: the CA,
/// server certificates for 127.0.0.1/localhost and for another host, and client directories in libvirt's
/// `pkipath` layout (client, expired, outsider, wrongca). See the script for what each holds.
public struct TestPKI: Sendable {
    public let directory: String

    public static var isAvailable: Bool { ProcessRunner.which("openssl") != nil }

    /// The DN pattern that admits `client` and `expired` but not `outsider` (GnuTLS's DN order).
    public static let allowedDN = "C=GB,L=London,O=SwiftVirt Test,CN=*"

    public static func make() async throws -> TestPKI {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/make-test-pki.sh").path
        let directory = NSTemporaryDirectory() + "swiftvirt-pki-\(UUID().uuidString.prefix(8))"
        let result = try await ProcessRunner.run("/bin/bash", [script, directory])
        guard result.status == 0 else { throw Failure(description: "make-test-pki.sh: \(result.error)") }
        return TestPKI(directory: directory)
    }

    /// A client directory for `?pkipath=`.
    public func clientDirectory(_ name: String) -> String { directory + "/" + name }

    /// libvirtd.conf lines for a TLS listener on 127.0.0.1:`port` with `server` ("server" or "otherhost").
    public func serverSettings(port: Int, server: String = "server", allowList: Bool = true) -> [String] {
        [
            "listen_tls = 1", "listen_tcp = 0", "listen_addr = \"127.0.0.1\"", "tls_port = \"\(port)\"",
            "auth_tls = \"none\"",
            "key_file = \"\(directory)/\(server)/serverkey.pem\"",
            "cert_file = \"\(directory)/\(server)/servercert.pem\"",
            "ca_file = \"\(directory)/ca/cacert.pem\"",
        ] + (allowList ? ["tls_allowed_dn_list = [\"\(Self.allowedDN)\"]"] : [])
    }

    /// A random port outside Linux's ephemeral range (32768-60999), so tests running at once rarely clash.
    public static func randomPort() -> Int { Int.random(in: 20000..<32000) }

    public func remove() { try? FileManager.default.removeItem(atPath: directory) }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}
