public import NIOCore

/// Why a byte stream is not a sequence of libvirt packets. Any of them ends the connection, as in libvirtd.
public enum RPCFrameError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A length word below 4 (it counts itself). Carries the length word.
    case tooSmall(UInt32)
    /// A length word of 4 to 27: no room for the header.
    case cannotDecodeHeader
    /// A packet bigger than `RPCLimits.maxPacket` plus the length word. Carries the length word.
    case tooLarge(UInt32)
    /// The stream ended inside a packet; carries the bytes of it that had arrived.
    case incompletePacket(received: Int)

    /// libvirt's wording, as seen by a server ("received from client").
    public var description: String { message(receivedFrom: "client") }

    /// libvirt's wording; `peer` is "client" on the server side, "server" on the client side.
    public func message(receivedFrom peer: String) -> String {
        switch self {
        case .tooSmall(let length):
            "packet \(length) bytes received from \(peer) too small, want \(RPCLimits.lengthSize)"
        case .cannotDecodeHeader:
            "Unable to decode message header"
        case .tooLarge(let length):
            "packet \(UInt64(length) - UInt64(RPCLimits.lengthSize)) bytes received from \(peer) too large, want \(RPCLimits.maxPacket)"
        case .incompletePacket(let received):
            "connection closed after \(received) bytes of a packet"
        }
    }
}

/// Splits a byte stream into `RPCPacket`s: a big-endian length word that counts itself, the 24-byte
/// header, the payload. The length is checked before anything else is buffered, so a peer can never
/// make us wait for (or hold) more than `RPCLimits.maxPacket` bytes; the payload is a slice of the
/// input buffer, not a copy.
public struct RPCFrameDecoder: NIOSingleStepByteToMessageDecoder {
    public typealias InboundOut = RPCPacket

    /// The largest packet accepted, not counting the length word.
    public let maxPacket: Int

    public init(maxPacket: Int = RPCLimits.maxPacket) {
        self.maxPacket = maxPacket
    }

    public mutating func decode(buffer: inout ByteBuffer) throws -> RPCPacket? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return nil }
        guard length >= UInt32(RPCLimits.lengthSize) else { throw RPCFrameError.tooSmall(length) }
        guard Int(length) - RPCLimits.lengthSize <= maxPacket else { throw RPCFrameError.tooLarge(length) }
        guard Int(length) >= RPCLimits.lengthSize + RPCLimits.headerSize else {
            throw RPCFrameError.cannotDecodeHeader
        }
        guard buffer.readableBytes >= Int(length) else { return nil }
        buffer.moveReaderIndex(forwardBy: RPCLimits.lengthSize)
        guard let header = RPCHeader.read(from: &buffer),
            let payload = buffer.readSlice(length: Int(length) - RPCLimits.lengthSize - RPCLimits.headerSize)
        else {
            // Unreachable: the length check above guarantees the bytes.
            throw RPCFrameError.cannotDecodeHeader
        }
        return RPCPacket(header: header, payload: payload)
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> RPCPacket? {
        if let packet = try decode(buffer: &buffer) { return packet }
        let left = buffer.readableBytes
        guard left == 0 else {
            buffer.moveReaderIndex(forwardBy: left)
            throw RPCFrameError.incompletePacket(received: left)
        }
        return nil
    }
}

/// Writes packets: the length word, the header, the payload.
public enum RPCFrameEncoder {
    /// Appends one packet with `payload`'s readable bytes (none when nil).
    public static func encode(header: RPCHeader, payload: ByteBuffer?, into buffer: inout ByteBuffer) {
        let payloadSize = payload?.readableBytes ?? 0
        buffer.reserveCapacity(minimumWritableBytes: RPCLimits.lengthSize + RPCLimits.headerSize + payloadSize)
        buffer.writeInteger(UInt32(truncatingIfNeeded: RPCLimits.lengthSize + RPCLimits.headerSize + payloadSize))
        header.write(to: &buffer)
        if var payload { buffer.writeBuffer(&payload) }
    }

    /// Appends one packet whose payload is `body` in XDR. Throws, leaving `buffer` as it was, when the
    /// body cannot be encoded or the packet would exceed `RPCLimits.maxPacket`.
    public static func encode<T: Encodable>(header: RPCHeader, body: T, into buffer: inout ByteBuffer) throws(XDRError) {
        let start = buffer.writerIndex
        buffer.writeInteger(UInt32(0))
        header.write(to: &buffer)
        do {
            try XDR.encode(body, into: &buffer)
        } catch {
            buffer.moveWriterIndex(to: start)
            throw error
        }
        let length = buffer.writerIndex - start
        guard length - RPCLimits.lengthSize <= RPCLimits.maxPacket else {
            buffer.moveWriterIndex(to: start)
            throw .tooLong(what: "packet", count: length - RPCLimits.lengthSize, max: RPCLimits.maxPacket)
        }
        buffer.setInteger(UInt32(length), at: start)
    }

    /// One packet in a new buffer.
    public static func encode<T: Encodable>(header: RPCHeader, body: T) throws(XDRError) -> ByteBuffer {
        var buffer = ByteBuffer()
        try encode(header: header, body: body, into: &buffer)
        return buffer
    }
}
