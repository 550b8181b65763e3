#if canImport(Glibc)
    import Glibc
#endif
import NIOSSL
import VirtModel

/// virtd's x509 identity for its TLS listener, loaded once at start from `key_file`, `cert_file`, `ca_file`
/// (and `crl_file`), with libvirtd 9.0's startup checks and wording (virNetTLSContextLoadCredentials,
/// virNetTLSContextSanityCheckCredentials): a missing file is "Cannot read CA certificate '...': No such file
/// or directory"; an expired or not yet active certificate of the server or its CA is refused by name.
struct TLSServerCredentials: Sendable {
    let context: NIOSSLContext
    /// Serial numbers the CRL revokes (compared with the client certificate's).
    let revokedSerials: Set<[UInt8]>

    init(config: DaemonConfig, now: time_t = time(nil)) throws(Daemon.StartError) {
        try Self.requireReadable("CA certificate", config.caFile)
        var crlPath: String?
        if let crl = config.crlFile, !crl.isEmpty, access(crl, F_OK) == 0 { crlPath = crl }  // libvirt: optional
        try Self.requireReadable("certificate", config.certFile)
        try Self.requireReadable("private key", config.keyFile)

        let authorities: [NIOSSLCertificate]
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            authorities = try NIOSSLCertificate.fromPEMFile(config.caFile)
        } catch {
            throw Daemon.StartError(description: "Unable to import CA certificate list \(config.caFile)")
        }
        do {
            chain = try NIOSSLCertificate.fromPEMFile(config.certFile)
        } catch {
            throw Daemon.StartError(description: "Unable to import server certificate \(config.certFile)")
        }
        do {
            key = try NIOSSLPrivateKey(file: config.keyFile, format: .pem)
        } catch {
            throw Daemon.StartError(
                description: "Unable to set x509 key and certificate: \(config.keyFile), \(config.certFile): \(error)")
        }
        guard let leaf = chain.first, !authorities.isEmpty else {
            throw Daemon.StartError(description: "Unable to import server certificate \(config.certFile)")
        }
        if let problem = CertificateDates.problem(leaf, now: now) {
            throw Daemon.StartError(description: "The server certificate \(config.certFile) \(problem)")
        }
        for authority in authorities {
            if let problem = CertificateDates.problem(authority, now: now) {
                throw Daemon.StartError(description: "The CA certificate \(config.caFile) \(problem)")
            }
        }
        revokedSerials = try crlPath.map { path throws(Daemon.StartError) in
            do {
                return try RevocationList(pemFile: path).serials
            } catch {
                throw Daemon.StartError(description: "Unable to set x509 certificate revocation list: \(path): \(error)")
            }
        } ?? []

        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        // Ask for a client certificate but let the handshake finish whatever it is: libvirtd decides after the
        // handshake (TLSClientGate) and then closes without a word, which is what libvirt's clients expect.
        configuration.certificateVerification = .optionalVerification
        configuration.trustRoots = .certificates(authorities)
        configuration.minimumTLSVersion = .tlsv12
        // TLS 1.2 only: BoringSSL sends TLS 1.3 session tickets after the handshake, and libvirt's client, which
        // polls then reads exactly the 0x01 byte, fails on them ("Unable to read TLS confirmation: Resource
        // temporarily unavailable"); swift-nio-ssl has no switch for tickets.
        configuration.maximumTLSVersion = .tlsv12
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw Daemon.StartError(
                description: "Unable to set x509 key and certificate: \(config.keyFile), \(config.certFile): \(error)")
        }
    }

    /// libvirt's virNetTLSContextCheckCertFile: "Cannot read TYPE 'PATH': strerror".
    private static func requireReadable(_ type: String, _ path: String) throws(Daemon.StartError) {
        guard access(path, R_OK) == 0 else {
            let reason = String(cString: strerror(errno))
            throw Daemon.StartError(description: "Cannot read \(type) '\(path)': \(reason)")
        }
    }
}
