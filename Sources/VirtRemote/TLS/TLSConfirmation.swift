#if canImport(Glibc)
    import Glibc
#endif
import NIOCore
import NIOSSL
import NIOTLS
import VirtModel

/// The client's half of libvirt's TLS start (virNetClientSetTLSSession): after the handshake it checks the
/// server's certificate (chain to our CA, dates, host name) unless `no_verify=1`, then reads the one byte the
/// server sends once it accepted OUR certificate; anything but 0x01 is "server verification (of our
/// certificate or IP address) failed". ``confirmed`` completes then, and the handler leaves the pipeline so
/// frames flow to the RPC decoder. Sits right after the NIOSSLClientHandler.
final class TLSConfirmation: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    let confirmed: EventLoopPromise<Void>
    private let host: String
    private let verify: Bool
    private var chainRejected = false
    private var handshakeDone = false

    init(host: String, verify: Bool, promise: EventLoopPromise<Void>) {
        self.host = host
        self.verify = verify
        self.confirmed = promise
    }

    /// Records BoringSSL's verdict instead of failing the handshake: libvirt's client decides afterwards.
    var verificationCallback: NIOSSLVerificationCallback {
        { [self] result, _ in
            if case .failed = result { chainRejected = true }
            return .certificateVerified
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            handshakeDone = true
            let ssl = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)
            if verify, !peerIsValid(ssl?.peerCertificate) {
                fail(VirtError(.authFailed, .rpc, "Failed to verify peer's certificate"), context: context)
                return
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func peerIsValid(_ peer: NIOSSLCertificate?) -> Bool {
        guard let peer, !chainRejected else { return false }
        return TLSClientCredentials.dateProblem(peer, now: time(nil)) == nil && TLSHostName.matches(peer, host: host)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        guard let byte = buffer.readInteger(as: UInt8.self) else { return }
        guard byte == 1 else {
            fail(VirtError(.rpc, .rpc, "server verification (of our certificate or IP address) failed"), context: context)
            return
        }
        confirmed.succeed()
        if buffer.readableBytes > 0 { context.fireChannelRead(wrapInboundOut(buffer)) }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if handshakeDone {
            // The server dropped us without close_notify after the handshake: libvirtd's refusal (EIO).
            fail(VirtError.system(5, "Unable to read TLS confirmation", domain: .rpc), context: context)
        } else {
            fail(VirtError(.authFailed, .rpc, "TLS handshake failed \(error)"), context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        // A clean close (close_notify) before the byte: GnuTLS reads 0 bytes, libvirt says verification failed.
        confirmed.fail(handshakeDone
            ? VirtError(.rpc, .rpc, "server verification (of our certificate or IP address) failed")
            : VirtError.system(5, "Unable to read TLS confirmation", domain: .rpc))
        context.fireChannelInactive()
    }

    private func fail(_ error: VirtError, context: ChannelHandlerContext) {
        confirmed.fail(error)
        context.close(promise: nil)
    }
}
