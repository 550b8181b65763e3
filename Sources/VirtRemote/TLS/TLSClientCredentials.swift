#if canImport(Glibc)
    import Glibc
#endif
import NIOSSL
import VirtModel

/// The client's side of libvirt's x509 setup, loaded per connection from ``TLSFiles`` with libvirt 9.0's
/// checks and wording (virNetTLSContextNew for a client): the CA must be readable ("Cannot read CA
/// certificate '...': No such file or directory"); the client certificate and key are optional; unless
/// `no_sanity=1` an expired or not yet active certificate of ours or of the CA is refused before connecting
/// ("The client certificate PATH has expired"). Errors are VIR_ERR_SYSTEM_ERROR from VIR_FROM_RPC.
struct TLSClientCredentials: Sendable {
    let context: NIOSSLContext

    init(_ files: TLSFiles, sanityCheck: Bool, now: time_t = time(nil)) throws(VirtError) {
        try Self.requireReadable("CA certificate", files.caCertificate)
        let haveCertificate = access(files.certificate, F_OK) == 0
        if haveCertificate { try Self.requireReadable("private key", files.privateKey) }
        let authorities: [NIOSSLCertificate]
        do {
            authorities = try NIOSSLCertificate.fromPEMFile(files.caCertificate)
        } catch {
            throw Self.failure("Unable to import CA certificate list \(files.caCertificate)")
        }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates(authorities)
        // BoringSSL's verdict is recorded, not enforced, by TLSConfirmation: libvirt checks after the handshake.
        configuration.certificateVerification = .optionalVerification
        configuration.minimumTLSVersion = .tlsv12
        if haveCertificate {
            let chain: [NIOSSLCertificate]
            let key: NIOSSLPrivateKey
            do {
                chain = try NIOSSLCertificate.fromPEMFile(files.certificate)
                key = try NIOSSLPrivateKey(file: files.privateKey, format: .pem)
            } catch {
                throw Self.failure("Unable to set x509 key and certificate: \(files.privateKey), \(files.certificate): \(error)")
            }
            if sanityCheck, let leaf = chain.first, let problem = Self.dateProblem(leaf, now: now) {
                throw Self.failure("The client certificate \(files.certificate) \(problem)")
            }
            configuration.certificateChain = chain.map { .certificate($0) }
            configuration.privateKey = .privateKey(key)
        }
        if sanityCheck {
            for authority in authorities {
                if let problem = Self.dateProblem(authority, now: now) {
                    throw Self.failure("The CA certificate \(files.caCertificate) \(problem)")
                }
            }
        }
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw Self.failure("Unable to set x509 CA certificate: \(files.caCertificate): \(error)")
        }
    }

    /// libvirt's virNetTLSContextCheckCertTimes wording.
    static func dateProblem(_ certificate: NIOSSLCertificate, now: time_t) -> String? {
        if certificate.notValidAfter < now { return "has expired" }
        if certificate.notValidBefore > now { return "is not yet active" }
        return nil
    }

    private static func requireReadable(_ type: String, _ path: String) throws(VirtError) {
        guard access(path, R_OK) == 0 else {
            throw VirtError.system(errno, "Cannot read \(type) '\(path)'", domain: .rpc)
        }
    }

    private static func failure(_ message: String) -> VirtError {
        VirtError(code: .systemError, domain: .rpc, message: message)
    }
}
