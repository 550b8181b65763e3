import NIOCore

/// The `Encoder` behind `XDR.encode`: every container appends to one shared buffer, in call order.
/// Primitive types are written directly by the containers' concrete overloads; generic values are
/// checked against the primitive types first, so arrays of primitives skip the `Encodable` round trip.
final class XDREncoderImpl: Encoder {
    // Only this encoder touches the buffer, one write at a time: the dynamic exclusivity check on every
    // write was an eighth of the encoding time.
    @exclusivity(unchecked) var buffer: ByteBuffer
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(buffer: inout ByteBuffer) {
        self.buffer = ByteBuffer()
        swap(&self.buffer, &buffer)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(XDRKeyedEncoder<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        XDRUnkeyedEncoder(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        XDRSingleValueEncoder(encoder: self)
    }

    // MARK: primitives

    @inline(__always) func writeInt32(_ value: Int32) { buffer.writeInteger(value) }
    @inline(__always) func writeUInt32(_ value: UInt32) { buffer.writeInteger(value) }
    @inline(__always) func writeInt64(_ value: Int64) { buffer.writeInteger(value) }
    @inline(__always) func writeUInt64(_ value: UInt64) { buffer.writeInteger(value) }
    @inline(__always) func writeBool(_ value: Bool) { buffer.writeInteger(value ? 1 as UInt32 : 0) }
    @inline(__always) func writeDouble(_ value: Double) { buffer.writeInteger(value.bitPattern) }
    @inline(__always) func writeFloat(_ value: Float) { buffer.writeInteger(value.bitPattern) }

    func writeString(_ value: String) throws(XDRError) {
        let count = value.utf8.count
        guard count <= RPCLimits.maxString else {
            throw .tooLong(what: "string", count: count, max: RPCLimits.maxString)
        }
        buffer.writeInteger(UInt32(count))
        buffer.writeString(value)
        writePadding(count)
    }

    /// A variable opaque: length, bytes, padding.
    func writeOpaque(_ bytes: [UInt8], max: Int) throws(XDRError) {
        guard bytes.count <= max else { throw .tooLong(what: "opaque", count: bytes.count, max: max) }
        buffer.writeInteger(UInt32(bytes.count))
        buffer.writeBytes(bytes)
        writePadding(bytes.count)
    }

    /// Raw bytes with padding and no length (a fixed opaque).
    func writeFixedOpaque(_ bytes: UnsafeRawBufferPointer) {
        buffer.writeBytes(bytes)
        writePadding(bytes.count)
    }

    /// A `char` array element: rpcgen sign-extends the (signed) char into 4 bytes.
    @inline(__always) func writeChar(_ byte: UInt8) {
        buffer.writeInteger(Int32(Int8(bitPattern: byte)))
    }

    @inline(__always) func writePadding(_ count: Int) {
        let pad = XDR.padding(count)
        if pad > 0 { buffer.writeRepeatingByte(0, count: pad) }
    }

    /// Encodes any value: primitives directly, everything else through its `Encodable` conformance
    /// (which for the special wire types finds this encoder and writes raw bytes).
    func encodeValue<T: Encodable>(_ value: T) throws {
        // Metatype comparisons are pointer compares, cheaper than `as?` casts on the unspecialized path.
        if T.self == Int32.self {
            writeInt32(unsafeBitCast(value, to: Int32.self))
        } else if T.self == UInt32.self {
            writeUInt32(unsafeBitCast(value, to: UInt32.self))
        } else if T.self == String.self {
            try writeString(unsafeBitCast(value, to: String.self))
        } else if T.self == UInt64.self {
            writeUInt64(unsafeBitCast(value, to: UInt64.self))
        } else if T.self == Int64.self {
            writeInt64(unsafeBitCast(value, to: Int64.self))
        } else if T.self == Bool.self {
            writeBool(unsafeBitCast(value, to: Bool.self))
        } else if T.self == Double.self {
            writeDouble(unsafeBitCast(value, to: Double.self))
        } else if T.self == Int.self || T.self == UInt.self {
            throw XDRError.unsupported("Int and UInt (use a sized integer)")
        } else {
            // Small integers, Float, structs, arrays and the special wire types.
            try value.encode(to: self)
        }
    }

    /// An XDR optional: 0, or 1 and the value.
    func encodeOptional<T: Encodable>(_ value: T?) throws {
        if let value {
            writeUInt32(1)
            try encodeValue(value)
        } else {
            writeUInt32(0)
        }
    }
}

struct XDRKeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: XDREncoderImpl
    var codingPath: [any CodingKey] { [] }

    /// `encodeNil` alone cannot make an XDR optional (its "present" form needs the flag); it writes the
    /// absent form, and `encodeIfPresent` is what synthesized conformances use.
    mutating func encodeNil(forKey key: Key) throws { encoder.writeUInt32(0) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { encoder.writeBool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { try encoder.writeString(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { encoder.writeDouble(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { encoder.writeFloat(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { throw XDRError.unsupported("Int (use a sized integer)") }
    mutating func encode(_ value: Int8, forKey key: Key) throws { encoder.writeInt32(Int32(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { encoder.writeInt32(Int32(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { encoder.writeInt32(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { encoder.writeInt64(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { throw XDRError.unsupported("UInt (use a sized integer)") }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { encoder.writeUInt32(UInt32(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { encoder.writeUInt32(UInt32(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { encoder.writeUInt32(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { encoder.writeUInt64(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encoder.encodeValue(value) }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encoder.encodeOptional(value) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encoder.encodeOptional(value) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encoder.encodeOptional(value) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try encoder.encodeOptional(value) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encoder.encodeOptional(value) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try encoder.encodeOptional(value) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try encoder.encodeOptional(value) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try encoder.encodeOptional(value) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try encoder.encodeOptional(value) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try encoder.encodeOptional(value) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encoder.encodeOptional(value) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encoder.encodeOptional(value) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encoder.encodeOptional(value) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encoder.encodeOptional(value) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try encoder.encodeOptional(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        encoder.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder }
}

/// An XDR variable array: the count is written first (as 0) and patched after every element, since
/// `Array.encode(to:)` does not say how many elements will follow.
struct XDRUnkeyedEncoder: UnkeyedEncodingContainer {
    let encoder: XDREncoderImpl
    let countIndex: Int
    private(set) var count: Int = 0
    var codingPath: [any CodingKey] { [] }

    init(encoder: XDREncoderImpl) {
        self.encoder = encoder
        self.countIndex = encoder.buffer.writerIndex
        encoder.writeUInt32(0)
    }

    private mutating func bump() {
        count += 1
        encoder.buffer.setInteger(UInt32(truncatingIfNeeded: count), at: countIndex)
    }

    mutating func encodeNil() throws { throw XDRError.unsupported("an optional array element") }
    mutating func encode(_ value: Bool) throws { encoder.writeBool(value); bump() }
    mutating func encode(_ value: String) throws { try encoder.writeString(value); bump() }
    mutating func encode(_ value: Int32) throws { encoder.writeInt32(value); bump() }
    mutating func encode(_ value: UInt32) throws { encoder.writeUInt32(value); bump() }
    mutating func encode(_ value: Int64) throws { encoder.writeInt64(value); bump() }
    mutating func encode(_ value: UInt64) throws { encoder.writeUInt64(value); bump() }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value); bump() }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        bump()
        return encoder.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        bump()
        return encoder.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder }
}

struct XDRSingleValueEncoder: SingleValueEncodingContainer {
    let encoder: XDREncoderImpl
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { throw XDRError.unsupported("an optional outside a struct field") }
    mutating func encode(_ value: Bool) throws { encoder.writeBool(value) }
    mutating func encode(_ value: String) throws { try encoder.writeString(value) }
    mutating func encode(_ value: Double) throws { encoder.writeDouble(value) }
    mutating func encode(_ value: Float) throws { encoder.writeFloat(value) }
    mutating func encode(_ value: Int) throws { throw XDRError.unsupported("Int (use a sized integer)") }
    mutating func encode(_ value: Int8) throws { encoder.writeInt32(Int32(value)) }
    mutating func encode(_ value: Int16) throws { encoder.writeInt32(Int32(value)) }
    mutating func encode(_ value: Int32) throws { encoder.writeInt32(value) }
    mutating func encode(_ value: Int64) throws { encoder.writeInt64(value) }
    mutating func encode(_ value: UInt) throws { throw XDRError.unsupported("UInt (use a sized integer)") }
    mutating func encode(_ value: UInt8) throws { encoder.writeUInt32(UInt32(value)) }
    mutating func encode(_ value: UInt16) throws { encoder.writeUInt32(UInt32(value)) }
    mutating func encode(_ value: UInt32) throws { encoder.writeUInt32(value) }
    mutating func encode(_ value: UInt64) throws { encoder.writeUInt64(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value) }
}
