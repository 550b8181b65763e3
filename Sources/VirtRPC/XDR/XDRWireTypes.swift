import FoundationEssentials
import VirtModel

// The wire forms a plain Swift type cannot say: fixed opaques, variable opaques and `char` arrays.
// Each finds the XDR encoder or decoder behind `any Encoder`/`any Decoder` and reads or writes raw
// bytes; under another coder (JSON, for a debug dump) they fall back to an ordinary form.

/// `remote_uuid`: 16 raw bytes (`opaque[16]`), no length word.
public struct RemoteUUID: Codable, Sendable, Hashable, CustomStringConvertible {
    public var uuid: UUID

    public init(_ uuid: UUID) { self.uuid = uuid }

    /// From the 16 raw bytes; nil unless there are exactly 16.
    public init?(bytes: [UInt8]) {
        guard let uuid = UUID(libvirtBytes: bytes) else { return nil }
        self.uuid = uuid
    }

    public var bytes: [UInt8] { uuid.libvirtBytes }
    public var description: String { uuid.libvirtString }

    public init(from decoder: any Decoder) throws {
        if let xdr = decoder as? XDRDecoderImpl {
            let raw = try xdr.readRaw(16)
            self.uuid = UUID(uuid: (raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7],
                                    raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]))
        } else {
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let uuid = UUID(libvirtString: text) else { throw XDRError.invalidValue("UUID \(text)") }
            self.uuid = uuid
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if let xdr = encoder as? XDREncoderImpl {
            withUnsafeBytes(of: uuid.uuid) { xdr.writeFixedOpaque($0) }
        } else {
            var container = encoder.singleValueContainer()
            try container.encode(uuid.libvirtString)
        }
    }
}

/// A variable opaque (`opaque x<N>`): u32 length, the bytes, zero padding. Used for CPU maps.
public struct XDROpaque: Codable, Sendable, Hashable, ExpressibleByArrayLiteral {
    public var bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(arrayLiteral elements: UInt8...) { self.bytes = elements }

    public init(from decoder: any Decoder) throws {
        if let xdr = decoder as? XDRDecoderImpl {
            bytes = try xdr.readOpaque(max: RPCLimits.maxPayload)
        } else {
            bytes = try decoder.singleValueContainer().decode([UInt8].self)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if let xdr = encoder as? XDREncoderImpl {
            try xdr.writeOpaque(bytes, max: RPCLimits.maxPayload)
        } else {
            var container = encoder.singleValueContainer()
            try container.encode(bytes)
        }
    }
}

/// A variable `char` array (`char x<N>`): u32 count, then every character as a 4-byte int (rpcgen
/// sign-extends `char`). NODE_GET_SECURITY_MODEL's model and doi, DOMAIN_GET_SECURITY_LABEL's label
/// (where libvirtd counts the trailing NUL) and SASL data (no NUL; any bytes).
public struct XDRCharArray: Codable, Sendable, Hashable {
    public var bytes: [UInt8]

    /// Exactly these bytes, no NUL added (SASL data).
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// A C string: the UTF-8 bytes and a trailing NUL, as libvirtd sends security strings.
    public init(cString: String) { self.bytes = Array(cString.utf8) + [0] }

    /// The text up to the first NUL (or all of it when there is none).
    public var string: String {
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    public init(from decoder: any Decoder) throws {
        if let xdr = decoder as? XDRDecoderImpl {
            let count = try xdr.readLength(what: "char array", max: RPCLimits.maxString, unit: 4)
            var bytes = [UInt8]()
            bytes.reserveCapacity(count)
            for _ in 0..<count { bytes.append(try xdr.readChar()) }
            self.bytes = bytes
        } else {
            bytes = try decoder.singleValueContainer().decode([UInt8].self)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if let xdr = encoder as? XDREncoderImpl {
            guard bytes.count <= RPCLimits.maxString else {
                throw XDRError.tooLong(what: "char array", count: bytes.count, max: RPCLimits.maxString)
            }
            xdr.writeUInt32(UInt32(bytes.count))
            for byte in bytes { xdr.writeChar(byte) }
        } else {
            var container = encoder.singleValueContainer()
            try container.encode(bytes)
        }
    }
}

/// `char x[32]` (NODE_GET_INFO's model): exactly 32 characters of 4 bytes each (128 bytes), NUL padded.
public struct XDRFixedCharArray32: Codable, Sendable, Hashable {
    public static let count = 32
    /// Always 32 bytes.
    public private(set) var bytes: [UInt8]

    /// The text's UTF-8 bytes, cut to 31 so a NUL always ends it, then NUL padded to 32.
    public init(_ string: String) {
        var bytes = Array(string.utf8.prefix(Self.count - 1))
        bytes.append(contentsOf: repeatElement(0, count: Self.count - bytes.count))
        self.bytes = bytes
    }

    /// Exactly 32 bytes (more are cut, fewer NUL padded).
    public init(bytes: [UInt8]) {
        var padded = Array(bytes.prefix(Self.count))
        padded.append(contentsOf: repeatElement(0, count: Self.count - padded.count))
        self.bytes = padded
    }

    /// The text up to the first NUL.
    public var string: String {
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    public init(from decoder: any Decoder) throws {
        if let xdr = decoder as? XDRDecoderImpl {
            var bytes = [UInt8]()
            bytes.reserveCapacity(Self.count)
            for _ in 0..<Self.count { bytes.append(try xdr.readChar()) }
            self.init(bytes: bytes)
        } else {
            self.init(try decoder.singleValueContainer().decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if let xdr = encoder as? XDREncoderImpl {
            for byte in bytes { xdr.writeChar(byte) }
        } else {
            var container = encoder.singleValueContainer()
            try container.encode(string)
        }
    }
}
