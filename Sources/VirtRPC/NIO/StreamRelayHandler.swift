public import NIOCore

/// The local end of a stream, as the last handler of a channel on its descriptor (a console's pty in the
/// daemon, one end of a socket pair in the remote driver): what the descriptor gives goes to `received`, to
/// become STREAM packets; writing to the channel writes the peer's data to the descriptor. The end of the
/// descriptor (end of file, a pty whose other side is gone reading as EIO, any read error) closes the channel
/// and is reported once to `ended`. Both sides of the protocol use it; the packets' meaning stays theirs.
public final class StreamRelayHandler: ChannelInboundHandler, Sendable {
    public typealias InboundIn = ByteBuffer

    private let received: @Sendable (ByteBuffer) -> Void
    private let ended: @Sendable () -> Void

    /// Both closures run on the channel's event loop.
    public init(received: @escaping @Sendable (ByteBuffer) -> Void, ended: @escaping @Sendable () -> Void) {
        self.received = received
        self.ended = ended
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        received(unwrapInboundIn(data))
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    public func channelInactive(context: ChannelHandlerContext) {
        ended()
        context.fireChannelInactive()
    }
}
