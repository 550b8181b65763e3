/// The `Decoder` behind `XDR.decode`: a cursor over the payload's bytes that every container reads
/// from in call order. Every read checks the bytes left first, so a short or hostile payload throws
/// `XDRError` and never reads past the end or allocates for a count it cannot hold.
final class XDRDecoderImpl: Decoder {
    let bytes: UnsafeRawBufferPointer
    // Only this decoder moves the cursor, one read at a time (no dynamic exclusivity check per read).
    @exclusivity(unchecked) var offset = 0
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var remaining: Int { bytes.count - offset }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(XDRKeyedDecoder<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try XDRUnkeyedDecoder(decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        XDRSingleValueDecoder(decoder: self)
    }

    // MARK: primitives

    @inline(__always) func readUInt32() throws(XDRError) -> UInt32 {
        guard remaining >= 4 else { throw .truncated }
        let value = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        offset += 4
        return UInt32(bigEndian: value)
    }

    @inline(__always) func readInt32() throws(XDRError) -> Int32 {
        Int32(bitPattern: try readUInt32())
    }

    @inline(__always) func readUInt64() throws(XDRError) -> UInt64 {
        guard remaining >= 8 else { throw .truncated }
        let value = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return UInt64(bigEndian: value)
    }

    @inline(__always) func readInt64() throws(XDRError) -> Int64 { Int64(bitPattern: try readUInt64()) }
    /// Any non-zero value is true, as glibc's and tirpc's `xdr_bool` accept it.
    @inline(__always) func readBool() throws(XDRError) -> Bool { try readUInt32() != 0 }
    @inline(__always) func readDouble() throws(XDRError) -> Double { Double(bitPattern: try readUInt64()) }
    @inline(__always) func readFloat() throws(XDRError) -> Float { Float(bitPattern: try readUInt32()) }

    /// A widened `char`/`short` must fit its Swift type (rpcgen truncates; we refuse instead, so a value
    /// never changes silently).
    func readNarrow<T: FixedWidthInteger>(_ type: T.Type) throws(XDRError) -> T {
        let raw = try readInt32()
        if T.isSigned {
            guard let value = T(exactly: raw) else { throw .invalidValue("\(raw) does not fit \(T.self)") }
            return value
        }
        // Unsigned narrow types travel as `unsigned int`: read the word as such.
        let unsigned = UInt32(bitPattern: raw)
        guard let value = T(exactly: unsigned) else { throw .invalidValue("\(unsigned) does not fit \(T.self)") }
        return value
    }

    /// A length (string, opaque, array count) that must fit both `max` and the bytes left, where each
    /// element takes at least `unit` bytes: a hostile count fails here, before anything is allocated.
    func readLength(what: String, max: Int, unit: Int) throws(XDRError) -> Int {
        let count = Int(try readUInt32())
        guard count <= max else { throw .tooLong(what: what, count: count, max: max) }
        guard count <= remaining / unit else { throw .truncated }
        return count
    }

    /// `count` raw bytes and their padding.
    func readRaw(_ count: Int) throws(XDRError) -> UnsafeRawBufferPointer {
        let padded = count + XDR.padding(count)
        guard remaining >= padded else { throw .truncated }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
        offset += padded
        return slice
    }

    func readString() throws(XDRError) -> String {
        let count = try readLength(what: "string", max: RPCLimits.maxString, unit: 1)
        let raw = try readRaw(count)
        guard let string = String(validating: raw, as: UTF8.self) else { throw .invalidUTF8 }
        return string
    }

    func readOpaque(max: Int) throws(XDRError) -> [UInt8] {
        let count = try readLength(what: "opaque", max: max, unit: 1)
        return Array(try readRaw(count))
    }

    /// A `char` array element: 4 bytes, of which the low byte is the character.
    @inline(__always) func readChar() throws(XDRError) -> UInt8 {
        UInt8(truncatingIfNeeded: try readUInt32())
    }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == Int32.self {
            return unsafeBitCast(try readInt32(), to: T.self)
        } else if T.self == UInt32.self {
            return unsafeBitCast(try readUInt32(), to: T.self)
        } else if T.self == String.self {
            return unsafeBitCast(try readString(), to: T.self)
        } else if T.self == UInt64.self {
            return unsafeBitCast(try readUInt64(), to: T.self)
        } else if T.self == Int64.self {
            return unsafeBitCast(try readInt64(), to: T.self)
        } else if T.self == Bool.self {
            return unsafeBitCast(try readBool(), to: T.self)
        } else if T.self == Double.self {
            return unsafeBitCast(try readDouble(), to: T.self)
        } else if T.self == Int.self || T.self == UInt.self {
            throw XDRError.unsupported("Int and UInt (use a sized integer)")
        }
        return try T(from: self)
    }

    /// An XDR optional pointer: 0 absent, any non-zero present (go-libvirt sends `01000000`).
    func decodeOptional<T: Decodable>(_ type: T.Type) throws -> T? {
        guard try readUInt32() != 0 else { return nil }
        return try decodeValue(T.self)
    }
}

struct XDRKeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: XDRDecoderImpl
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    /// Reads an optional's flag: true (nil) when it is 0. A caller that gets false decodes the value next.
    func decodeNil(forKey key: Key) throws -> Bool { try decoder.readUInt32() == 0 }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.readBool() }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.readString() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder.readDouble() }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decoder.readFloat() }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { throw XDRError.unsupported("Int (use a sized integer)") }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder.readNarrow(Int8.self) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder.readNarrow(Int16.self) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoder.readInt32() }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoder.readInt64() }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { throw XDRError.unsupported("UInt (use a sized integer)") }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder.readNarrow(UInt8.self) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder.readNarrow(UInt16.self) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder.readUInt32() }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder.readUInt64() }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decoder.decodeValue(T.self) }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decoder.decodeOptional(type) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decoder.decodeOptional(type) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decoder.decodeOptional(type) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try decoder.decodeOptional(type) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decoder.decodeOptional(type) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try decoder.decodeOptional(type) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try decoder.decodeOptional(type) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try decoder.decodeOptional(type) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try decoder.decodeOptional(type) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try decoder.decodeOptional(type) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try decoder.decodeOptional(type) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try decoder.decodeOptional(type) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try decoder.decodeOptional(type) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try decoder.decodeOptional(type) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try decoder.decodeOptional(type) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder }
}

/// An XDR variable array: the count comes first and must fit the bytes left (each element takes at
/// least 4 bytes), so `Array.init(from:)` stops after `count` elements and a hostile count fails early.
struct XDRUnkeyedDecoder: UnkeyedDecodingContainer {
    let decoder: XDRDecoderImpl
    let count: Int?
    private(set) var currentIndex = 0
    var codingPath: [any CodingKey] { [] }

    init(decoder: XDRDecoderImpl) throws(XDRError) {
        self.decoder = decoder
        self.count = try decoder.readLength(what: "array", max: RPCLimits.maxPacket, unit: 4)
    }

    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    private mutating func next() throws(XDRError) {
        guard !isAtEnd else { throw .truncated }
        currentIndex += 1
    }

    mutating func decodeNil() throws -> Bool { throw XDRError.unsupported("an optional array element") }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(); return try decoder.readBool() }
    mutating func decode(_ type: String.Type) throws -> String { try next(); return try decoder.readString() }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(); return try decoder.readInt32() }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(); return try decoder.readUInt32() }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(); return try decoder.readInt64() }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(); return try decoder.readUInt64() }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(); return try decoder.decodeValue(T.self) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next()
        return try decoder.container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next()
        return try decoder.unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { decoder }
}

struct XDRSingleValueDecoder: SingleValueDecodingContainer {
    let decoder: XDRDecoderImpl
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.readBool() }
    func decode(_ type: String.Type) throws -> String { try decoder.readString() }
    func decode(_ type: Double.Type) throws -> Double { try decoder.readDouble() }
    func decode(_ type: Float.Type) throws -> Float { try decoder.readFloat() }
    func decode(_ type: Int.Type) throws -> Int { throw XDRError.unsupported("Int (use a sized integer)") }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.readNarrow(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.readNarrow(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.readInt32() }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.readInt64() }
    func decode(_ type: UInt.Type) throws -> UInt { throw XDRError.unsupported("UInt (use a sized integer)") }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.readNarrow(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.readNarrow(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.readUInt32() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.readUInt64() }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(T.self) }
}
