import NIOCore
import NIOPosix
import NIOSSL
import VirtModel
import VirtRPC
#if canImport(Glibc)
import Glibc
#endif

extension RPCClient {
    /// Connects to `endpoint`. Refusals are worded as libvirt's client words them ("Failed to connect socket
    /// to '/run/libvirt/libvirt-sock': No such file or directory"), VIR_ERR_SYSTEM_ERROR from VIR_FROM_RPC.
    static func connect(
        to endpoint: RemoteEndpoint, connectTimeout: Duration, callTimeout: Duration?,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(VirtError) -> RPCClient {
        let (messages, continuation) = AsyncStream.makeStream(of: RPCPacket.self, bufferingPolicy: .unbounded)
        var tls: (credentials: TLSClientCredentials, host: String, verify: Bool)?
        if case .tls(let host, _, let files, let verify, let sanityCheck) = endpoint {
            tls = (try TLSClientCredentials(files, sanityCheck: sanityCheck), host, verify)
        }
        var process: TransportProcess?
        if case .ssh(_, let command) = endpoint { process = try TransportProcess.start(command.arguments) }
        if case .external(let command) = endpoint { process = try TransportProcess.start([command]) }
        let confirmed = group.any().makePromise(of: Void.self)
        let end = ConnectionEnd()
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.nanoseconds(nanoseconds(connectTimeout)))
            .channelInitializer { [tls, process, end] channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        let confirmation = TLSConfirmation(host: tls.host, verify: tls.verify, promise: confirmed)
                        // SNI only for names; the host name check is TLSConfirmation's (after the handshake, as libvirt).
                        let sni = TLSHostName.ipAddress(tls.host) == nil ? tls.host : nil
                        let ssl = try NIOSSLClientHandler(
                            context: tls.credentials.context, serverHostname: sni,
                            verificationCallback: confirmation.verificationCallback)
                        try channel.pipeline.syncOperations.addHandlers(ssl, confirmation)
                    }
                    let (decoder, handler) = handlers(events: continuation, transportEnd: { process?.errorText }, end: end)
                    try channel.pipeline.syncOperations.addHandlers(decoder, handler)
                }
            }
        let channel: any Channel
        do {
            switch endpoint {
            case .unix(let path):
                channel = try await bootstrap.connect(unixDomainSocketPath: path).get()
            case .tcp(let host, let port), .tls(let host, let port, _, _, _):
                channel = try await bootstrap.connect(host: host, port: port).get()
            case .ssh, .external:
                guard let process else { preconditionFailure("an ssh or ext endpoint starts its program first") }
                do {
                    channel = try await bootstrap.withConnectedSocket(process.descriptor).get()
                } catch {
                    Glibc.close(process.descriptor)
                    process.end()
                    throw error
                }
                channel.closeFuture.whenComplete { _ in process.end() }
            }
        } catch let error as VirtError {
            continuation.finish()
            confirmed.fail(error)
            throw error
        } catch {
            continuation.finish()
            confirmed.fail(error)
            throw connectFailure(endpoint, error)
        }
        if tls == nil { confirmed.succeed() }
        do {
            // TLS: the server's 0x01 byte (or its silence) decides before any call is made.
            try await confirmed.futureResult.get()
        } catch {
            channel.close(promise: nil)
            continuation.finish()
            throw (error as? VirtError) ?? RemoteConnectionError.endOfFile
        }
        return RPCClient(channel: channel, messages: messages, callTimeout: callTimeout, end: end)
    }

    private static func connectFailure(_ endpoint: RemoteEndpoint, _ error: any Error) -> VirtError {
        let what = switch endpoint {
        case .unix(let path): "Failed to connect socket to '\(path)'"
        case .tcp(let host, let port), .tls(let host, let port, _, _, _): "unable to connect to server at '\(host):\(port)'"
        case .ssh(let host, _): "Cannot connect to '\(host)' through ssh"
        case .external(let command): "Cannot connect through '\(command)'"
        }
        if let errno = errnoCode(of: error) {
            return VirtError.system(errno, what, domain: .rpc)
        }
        return VirtError(code: .systemError, domain: .rpc, message: "\(what): \(error)")
    }

    /// The errno behind a NIO connect failure, when there is one.
    private static func errnoCode(of error: any Error) -> Int32? {
        switch error {
        case let error as IOError:
            return error.errnoCode
        case let error as NIOConnectionError:
            return error.connectionErrors.lazy.compactMap { errnoCode(of: $0.error) }.first
        case ChannelError.connectTimeout:
            return 110  // ETIMEDOUT
        default:
            return nil
        }
    }
}
