public import NIOCore

extension RPCFrameEncoder {
    /// Appends the OK reply to `call`: same program, version, procedure and serial, type REPLY.
    public static func encodeReply<T: Encodable>(to call: RPCHeader, body: T, into buffer: inout ByteBuffer) throws(XDRError) {
        try encode(header: call.reply(status: .ok), body: body, into: &buffer)
    }

    /// Appends the ERROR reply to `call`, whose payload is `error`.
    public static func encodeError(_ error: RemoteError, replyingTo call: RPCHeader, into buffer: inout ByteBuffer) throws(XDRError) {
        try encode(header: call.reply(status: .error), body: error, into: &buffer)
    }

    /// Appends a keepalive packet (PING or PONG): type MESSAGE, serial 0, no payload (28 bytes).
    public static func encodeKeepalive(_ procedure: KeepaliveProcedure, into buffer: inout ByteBuffer) {
        encode(header: .keepalive(procedure), payload: nil, into: &buffer)
    }
}

extension RPCHeader {
    /// A keepalive header: KEEPALIVE program, type MESSAGE, serial 0, status OK.
    public static func keepalive(_ procedure: KeepaliveProcedure) -> RPCHeader {
        RPCHeader(program: RPCProgram.keepalive, procedure: procedure.rawValue, type: .message, serial: 0)
    }

    /// An event header of the REMOTE program: type MESSAGE, status OK. libvirtd 9.0 sends serial 1.
    public static func event(_ procedure: RemoteProcedure, serial: UInt32 = 1) -> RPCHeader {
        RPCHeader(program: RPCProgram.remote, procedure: procedure.rawValue, type: .message, serial: serial)
    }
}

extension RPCPacket {
    /// For CALL_WITH_FDS and REPLY_WITH_FDS: the file descriptor count that precedes the XDR body, and
    /// the body. Nil when the payload is shorter than the count word or the count exceeds `RPCLimits.maxFDs`.
    public func splitFDCount() -> (count: Int, body: ByteBuffer)? {
        var payload = self.payload
        guard let count = payload.readInteger(as: UInt32.self), count <= RPCLimits.maxFDs else { return nil }
        return (Int(count), payload)
    }
}
