public import NIOCore

/// `virNetMessageType`. A struct, not an enum, so a type this side does not know survives decoding.
public struct RPCMessageType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Client to server; payload `<proc>_args`.
    public static let call = RPCMessageType(rawValue: 0)
    /// Server to client; `<proc>_ret`, or `remote_error` when the status is `.error`.
    public static let reply = RPCMessageType(rawValue: 1)
    /// Asynchronous, either way: events, keepalive.
    public static let message = RPCMessageType(rawValue: 2)
    /// Stream data (raw bytes with `.continue`).
    public static let stream = RPCMessageType(rawValue: 3)
    /// A call with file descriptors: a u32 count precedes the args.
    public static let callWithFDs = RPCMessageType(rawValue: 4)
    /// A reply with file descriptors: a u32 count precedes the ret.
    public static let replyWithFDs = RPCMessageType(rawValue: 5)
    /// A hole in a sparse stream.
    public static let streamHole = RPCMessageType(rawValue: 6)

    public var description: String {
        switch self {
        case .call: "call"
        case .reply: "reply"
        case .message: "message"
        case .stream: "stream"
        case .callWithFDs: "call-with-fds"
        case .replyWithFDs: "reply-with-fds"
        case .streamHole: "stream-hole"
        default: "type \(rawValue)"
        }
    }
}

/// `virNetMessageStatus`. A struct so unknown values survive decoding.
public struct RPCStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let ok = RPCStatus(rawValue: 0)
    /// The payload is a `remote_error`.
    public static let error = RPCStatus(rawValue: 1)
    /// Streams only: more data follows.
    public static let `continue` = RPCStatus(rawValue: 2)

    public var description: String {
        switch self {
        case .ok: "ok"
        case .error: "error"
        case .continue: "continue"
        default: "status \(rawValue)"
        }
    }
}

/// The six 32-bit words after the length word (`virNetMessageHeader`).
public struct RPCHeader: Sendable, Hashable {
    public var program: UInt32
    public var version: UInt32
    public var procedure: Int32
    public var type: RPCMessageType
    public var serial: UInt32
    public var status: RPCStatus

    public init(
        program: UInt32, version: UInt32 = RPCProgram.version, procedure: Int32, type: RPCMessageType,
        serial: UInt32, status: RPCStatus = .ok
    ) {
        self.program = program
        self.version = version
        self.procedure = procedure
        self.type = type
        self.serial = serial
        self.status = status
    }

    /// The header of the reply to this call: same program, version, procedure and serial.
    public func reply(status: RPCStatus = .ok) -> RPCHeader {
        RPCHeader(program: program, version: version, procedure: procedure, type: .reply, serial: serial, status: status)
    }

    /// Reads the six words; nil (and nothing consumed) when fewer than 24 bytes are readable.
    public static func read(from buffer: inout ByteBuffer) -> RPCHeader? {
        guard buffer.readableBytes >= RPCLimits.headerSize,
            let (program, version, procedure, type, serial, status) = buffer.readMultipleIntegers(
                as: (UInt32, UInt32, Int32, Int32, UInt32, Int32).self)
        else { return nil }
        return RPCHeader(
            program: program, version: version, procedure: procedure, type: RPCMessageType(rawValue: type),
            serial: serial, status: RPCStatus(rawValue: status))
    }

    /// Appends the six words.
    public func write(to buffer: inout ByteBuffer) {
        buffer.writeMultipleIntegers(program, version, procedure, type.rawValue, serial, status.rawValue)
    }
}

/// One packet: its header and its payload (XDR, or raw bytes for stream data), without the length word.
public struct RPCPacket: Sendable, Hashable {
    public var header: RPCHeader
    public var payload: ByteBuffer

    public init(header: RPCHeader, payload: ByteBuffer) {
        self.header = header
        self.payload = payload
    }

    /// Decodes the payload as `T`; it must fill the payload exactly.
    public func decode<T: Decodable>(_ type: T.Type) throws(XDRError) -> T {
        try XDR.decode(type, from: payload)
    }
}
