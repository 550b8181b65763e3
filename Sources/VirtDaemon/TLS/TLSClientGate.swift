#if canImport(Glibc)
    import Glibc
#endif
import NIOCore
import NIOSSL
import NIOTLS

/// What libvirtd does between the TLS handshake and the protocol (virNetServerClient with
/// virNetTLSContextCheckCertificate): checks the client's certificate (chain to the CA, dates, CRL,
/// `tls_allowed_dn_list`), then writes ONE application-data byte 0x01 and gets out of the way. A client that
/// fails is closed without that byte and without a TLS close_notify (libvirt's clients then print "Unable to
/// read TLS confirmation: Input/output error"), and the reason goes to virtd's stderr as libvirtd logs it.
/// With `tls_no_verify_certificate = 1` every client passes. Sits right after the NIOSSLServerHandler.
final class TLSClientGate: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    struct Policy: Sendable {
        var verify: Bool
        var allowed: AllowedNames?
        var revokedSerials: Set<[UInt8]>
    }

    private let policy: Policy
    /// BoringSSL's verdict on the presented chain (trust, dates), recorded by ``verificationCallback``.
    private var chainRejected = false
    private var passed = false

    init(policy: Policy) {
        self.policy = policy
    }

    /// Records BoringSSL's verdict instead of failing the handshake with it: libvirtd decides afterwards.
    var verificationCallback: NIOSSLVerificationCallback {
        { [self] result, _ in
            if case .failed = result { chainRejected = true }
            return .certificateVerified
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            handshakeCompleted(context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Nothing reaches the protocol before the verdict (a client speaks only after reading 0x01).
        if passed { context.fireChannelRead(data) }
    }

    private func handshakeCompleted(context: ChannelHandlerContext) {
        let ssl = try? context.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self)
        if let problem = policy.verify ? rejection(peer: ssl?.peerCertificate) : nil {
            Self.log("Certificate check failed \(problem)")
            Self.log("authentication failed: Failed to verify peer's certificate")
            // Close beneath TLS: no close_notify, as libvirtd's plain socket close.
            if let below = try? context.pipeline.syncOperations.context(handlerType: NIOSSLServerHandler.self) {
                below.close(promise: nil)
            } else {
                context.close(promise: nil)
            }
            return
        }
        passed = true
        var byte = context.channel.allocator.buffer(capacity: 1)
        byte.writeInteger(UInt8(1))
        context.writeAndFlush(wrapOutboundOut(byte), promise: nil)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    /// libvirt's virNetTLSContextValidCertificate, in its order; its messages.
    private func rejection(peer: NIOSSLCertificate?) -> String? {
        guard let peer else { return "Unable to verify TLS peer: No certificate was found." }
        if chainRejected { return "Certificate failed validation: The certificate is not trusted." }
        if CertificateDates.problem(peer, now: time(nil)) == "has expired" { return "The client certificate has expired" }
        if CertificateDates.problem(peer, now: time(nil)) != nil { return "The client certificate is not yet active" }
        if policy.revokedSerials.contains(RevocationList.normalized(peer.serialNumber)) {
            return "Certificate failed validation: The certificate has been revoked."
        }
        if let allowed = policy.allowed {
            let name = AllowedNames.distinguishedName(of: peer)
            if !allowed.allows(name) {
                Self.log("Failed ACL check for client DN '\(name)'")
                return "Client's Distinguished Name is not on the list of allowed clients (tls_allowed_dn_list).  Use 'virt-pki-query-dn clientcert.pem' to view the Distinguished Name field in the client certificate, or run this daemon with --verbose option."
            }
        }
        return nil
    }

    private static func log(_ line: String) {
        let bytes = Array("virtd: \(line)\n".utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
