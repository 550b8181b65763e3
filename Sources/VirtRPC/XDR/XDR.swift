public import NIOCore

/// libvirt's XDR (RFC 4506 as rpcgen writes it), through Swift's `Codable`: one generic codec for every
/// message. Values are sequential and keys are ignored, so a synthesized `Codable` conformance encodes
/// the stored properties in declaration order, which is the `.x` struct's order when the Swift struct
/// declares them in that order.
///
/// Wire forms: `Int32`/`UInt32`/`Bool` 4 bytes (any non-zero decodes as true), `Int64`/`UInt64`/`Double`
/// 8 bytes, `Int8`/`UInt8`/`Int16`/`UInt16` widened to 4 bytes (rpcgen's `char` and `short`), `String` an
/// XDR string (at most `RPCLimits.maxString` bytes, UTF-8), arrays a count then the elements, and an
/// `Optional` stored property an XDR optional pointer (0 absent, any non-zero present). Fixed and
/// variable opaques and `char` arrays have their own types: `RemoteUUID`, `XDROpaque`, `XDRCharArray`,
/// `XDRFixedCharArray32`. Bare `Int` is refused (its width would be a guess).
public enum XDR {
    /// Appends `value`'s XDR form to `buffer`. On error, `buffer` may hold part of the value.
    public static func encode<T: Encodable>(_ value: T, into buffer: inout ByteBuffer) throws(XDRError) {
        let encoder = XDREncoderImpl(buffer: &buffer)
        defer { swap(&buffer, &encoder.buffer) }
        do {
            try encoder.encodeValue(value)
        } catch let error as XDRError {
            throw error
        } catch {
            throw .invalidValue(String(describing: error))
        }
    }

    /// The XDR form of `value` in a new buffer.
    public static func encode<T: Encodable>(_ value: T) throws(XDRError) -> ByteBuffer {
        var buffer = ByteBuffer()
        try encode(value, into: &buffer)
        return buffer
    }

    /// Decodes a `T` that must fill `buffer`'s readable bytes exactly; leftover bytes are an error.
    /// On success the readable bytes are consumed.
    public static func decode<T: Decodable>(_ type: T.Type, from buffer: inout ByteBuffer) throws(XDRError) -> T {
        let result: Result<(T, Int), XDRError> = buffer.withUnsafeReadableBytes { bytes in
            let decoder = XDRDecoderImpl(bytes: bytes)
            do {
                let value = try decoder.decodeValue(T.self)
                return .success((value, decoder.offset))
            } catch let error as XDRError {
                return .failure(error)
            } catch {
                return .failure(.invalidValue(String(describing: error)))
            }
        }
        let (value, consumed) = try result.get()
        let left = buffer.readableBytes - consumed
        guard left == 0 else { throw .trailingBytes(left) }
        buffer.moveReaderIndex(forwardBy: consumed)
        return value
    }

    /// Decodes a `T` from a copy of `buffer` (which must hold exactly the value).
    public static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws(XDRError) -> T {
        var copy = buffer
        return try decode(type, from: &copy)
    }

    /// Bytes of padding after `count` bytes of data.
    @inlinable
    static func padding(_ count: Int) -> Int { (4 - (count & 3)) & 3 }
}

/// An empty XDR payload (`void` args or ret).
public struct XDRVoid: Codable, Sendable, Hashable {
    public init() {}
    public init(from decoder: any Decoder) throws {}
    public func encode(to encoder: any Encoder) throws {}
}
