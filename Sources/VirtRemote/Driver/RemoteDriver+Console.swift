import NIOCore
import NIOPosix
import VirtDriver
import VirtOS
import VirtRPC
#if canImport(Glibc)
import Glibc
#endif

/// Consoles on the far host: DOMAIN_OPEN_CONSOLE opens a stream, handed to the caller as one end of a
/// socket pair (``ConsoleStream``); ``RemoteConsoleRelay`` carries the other end's bytes as STREAM packets.
extension RemoteDriver {
    public func domainOpenConsole(_ domain: DomainRef, device: String?, flags: DomainConsoleFlags) async throws(VirtError) -> ConsoleStream {
        let client = self.client
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw VirtError.system(errno, "cannot create a socket pair for the console", domain: .streams)
        }
        let relay = RemoteConsoleRelay(client: client)
        do {
            try await relay.start(descriptor: pair[1])
        } catch {
            Glibc.close(pair[0])
            Glibc.close(pair[1])
            throw VirtError(.internalError, .streams, "cannot relay the console: \(error)")
        }
        let args = RemoteDomainOpenConsoleArgs(dom: RemoteNonnullDomain(domain), devName: device, flags: flags.rawValue)
        do {
            try await client.callOpeningStream(.domainOpenConsole, args, stream: relay.receiver)
        } catch {
            relay.abandon()
            Glibc.close(pair[0])
            throw error
        }
        return ConsoleStream(fileDescriptor: pair[0])
    }
}

/// The near end of a remote console: what the caller writes to its end of the socket pair goes to the
/// server as STREAM data, the server's data is written back to it. The server's end of data (the guest
/// stopped, another session took the console) closes the pair, so the caller reads end of file; the
/// caller closing its end finishes the stream (after the server's end of data) or aborts it, as
/// libvirt's client does. Its state is only touched on the connection's event loop.
final class RemoteConsoleRelay: @unchecked Sendable {
    private let client: RPCClient
    private let loop: any EventLoop
    private var call: RPCHeader?
    private var channel: (any Channel)?
    /// The last write to the caller's end: the pair closes only after it, so no data is lost.
    private var lastWrite: EventLoopFuture<Void>?
    private var serverEnded = false
    private var done = false

    init(client: RPCClient) {
        self.client = client
        self.loop = client.eventLoop
    }

    /// Takes `descriptor` (the relay's end of the pair) into a channel on the connection's event loop.
    /// On failure the caller still owns it.
    func start(descriptor: Int32) async throws {
        // NIO writes through a descriptor of its own: one closed on exec, as the pair's are.
        guard let output = FileDescriptors.duplicate(descriptor) else {
            throw VirtError.system(errno, "cannot relay the console", domain: .streams)
        }
        let channel: any Channel
        do {
            channel = try await NIOPipeBootstrap(group: loop)
                .channelInitializer { [self] channel in
                    channel.pipeline.addHandler(StreamRelayHandler(received: { self.callerSaid($0) }, ended: { self.callerEnded() }))
                }
                .takingOwnershipOfDescriptors(input: descriptor, output: output)
                .get()
        } catch {
            Glibc.close(output)
            throw error
        }
        try await loop.submit { self.channel = channel }.get()
    }

    var receiver: RPCStreamReceiver {
        RPCStreamReceiver(opened: { [self] header in call = header }, received: { [self] packet in serverSaid(packet) })
    }

    /// The opening call failed: nothing is relayed.
    func abandon() {
        loop.execute { [self] in
            done = true
            if let call { client.endStream(serial: call.serial) }
            channel?.close(promise: nil)
        }
    }

    private func callerSaid(_ data: ByteBuffer) {
        guard let call, !done else { return }
        var frame = ByteBuffer()
        RPCFrameEncoder.encodeStreamData(data, of: call, into: &frame)
        client.sendStreamFrame(frame)
    }

    /// The caller closed its end, or the relay closed the pair after the server's end.
    private func callerEnded() {
        guard let call, !done else { return }
        done = true
        var frame = ByteBuffer()
        if serverEnded {
            RPCFrameEncoder.encodeStreamFinish(of: call, into: &frame)
        } else {
            RPCFrameEncoder.encodeStreamAbort(of: call, into: &frame)
        }
        client.sendStreamFrame(frame)
    }

    private func serverSaid(_ packet: RPCPacket?) {
        guard let packet else {
            done = true
            closePair()
            return
        }
        switch (packet.header.type, packet.header.status) {
        case (.stream, .continue) where packet.payload.readableBytes > 0:
            lastWrite = channel?.writeAndFlush(packet.payload)
        case (.stream, .continue):
            serverEnded = true
            closePair()
        default:
            // An error ends the stream on the server's side; an OK confirms our finish or abort; a hole has no
            // place in a console. Either way nothing more is relayed.
            if let call { client.endStream(serial: call.serial) }
            done = true
            closePair()
        }
    }

    private func closePair() {
        guard let channel else { return }
        (lastWrite ?? loop.makeSucceededVoidFuture()).whenComplete { _ in channel.close(promise: nil) }
    }
}
