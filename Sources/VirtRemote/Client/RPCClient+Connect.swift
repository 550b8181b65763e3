import NIOCore
import NIOPosix
import VirtModel
import VirtRPC

extension RPCClient {
    /// Connects to `endpoint`. Refusals are worded as libvirt's client words them ("Failed to connect socket
    /// to '/run/libvirt/libvirt-sock': No such file or directory"), VIR_ERR_SYSTEM_ERROR from VIR_FROM_RPC.
    static func connect(
        to endpoint: RemoteEndpoint, connectTimeout: Duration, callTimeout: Duration?,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(VirtError) -> RPCClient {
        let (messages, continuation) = AsyncStream.makeStream(of: RPCPacket.self, bufferingPolicy: .unbounded)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.nanoseconds(nanoseconds(connectTimeout)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let (decoder, handler) = handlers(events: continuation)
                    try channel.pipeline.syncOperations.addHandlers(decoder, handler)
                }
            }
        do {
            let channel: any Channel
            switch endpoint {
            case .unix(let path):
                channel = try await bootstrap.connect(unixDomainSocketPath: path).get()
            case .tcp(let host, let port):
                channel = try await bootstrap.connect(host: host, port: port).get()
            }
            return RPCClient(channel: channel, messages: messages, callTimeout: callTimeout)
        } catch {
            continuation.finish()
            throw connectFailure(endpoint, error)
        }
    }

    private static func connectFailure(_ endpoint: RemoteEndpoint, _ error: any Error) -> VirtError {
        let what = switch endpoint {
        case .unix(let path): "Failed to connect socket to '\(path)'"
        case .tcp(let host, let port): "unable to connect to server at '\(host):\(port)'"
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
