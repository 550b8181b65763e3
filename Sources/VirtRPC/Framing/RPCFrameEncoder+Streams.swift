public import NIOCore

/// Stream packets. A call that opens a stream (DOMAIN_OPEN_CONSOLE) gets its normal reply; then both sides send
/// STREAM packets with the call's program, procedure and serial: status CONTINUE with raw bytes (not XDR), and
/// CONTINUE with no bytes for the end of the data; a client's finish (OK, no payload) or abort (ERROR, no
/// payload) is confirmed with OK and no payload, which libvirt's client takes for nothing else (an OK it did
/// not wait for breaks its connection); ERROR from the server carries a `remote_error`.
extension RPCHeader {
    /// A STREAM packet of the stream this call opened.
    public func stream(status: RPCStatus) -> RPCHeader {
        RPCHeader(program: program, version: version, procedure: procedure, type: .stream, serial: serial, status: status)
    }
}

extension RPCLimits {
    /// Most stream data libvirt puts in one packet (`VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX`).
    public static let streamChunk = 262_120
}

extension RPCFrameEncoder {
    /// Appends `data` as STREAM CONTINUE packets of `stream`, at most `RPCLimits.streamChunk` bytes each.
    public static func encodeStreamData(_ data: ByteBuffer, of stream: RPCHeader, into buffer: inout ByteBuffer) {
        var rest = data
        while rest.readableBytes > 0, let chunk = rest.readSlice(length: min(rest.readableBytes, RPCLimits.streamChunk)) {
            encode(header: stream.stream(status: .continue), payload: chunk, into: &buffer)
        }
    }

    /// Appends the end of the data: STREAM CONTINUE with no payload.
    public static func encodeStreamEndOfData(of stream: RPCHeader, into buffer: inout ByteBuffer) {
        encode(header: stream.stream(status: .continue), payload: nil, into: &buffer)
    }

    /// Appends STREAM OK with no payload: a client's finish, and a server's answer to a finish or abort.
    public static func encodeStreamFinish(of stream: RPCHeader, into buffer: inout ByteBuffer) {
        encode(header: stream.stream(status: .ok), payload: nil, into: &buffer)
    }

    /// Appends a server's STREAM ERROR packet, the stream's end with `error`.
    public static func encodeStreamError(_ error: RemoteError, of stream: RPCHeader, into buffer: inout ByteBuffer) throws(XDRError) {
        try encode(header: stream.stream(status: .error), body: error, into: &buffer)
    }

    /// Appends a client's abort: STREAM ERROR with no payload, as libvirt's client sends it.
    public static func encodeStreamAbort(of stream: RPCHeader, into buffer: inout ByteBuffer) {
        encode(header: stream.stream(status: .error), payload: nil, into: &buffer)
    }
}
