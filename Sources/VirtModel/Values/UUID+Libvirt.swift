public import FoundationEssentials

extension UUID {
    /// Parses a UUID the way libvirt does: 32 hex digits, with '-' or ' ' allowed between digit pairs and
    /// whitespace around them. Returns nil for anything else.
    public init?(libvirtString text: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        var utf8 = Substring(text).utf8.drop(while: { isSpace($0) })
        while bytes.count < 16 {
            guard let c = utf8.first else { return nil }
            if c == UInt8(ascii: "-") || c == UInt8(ascii: " ") {
                utf8 = utf8.dropFirst()
                continue
            }
            guard let hi = hexValue(c) else { return nil }
            utf8 = utf8.dropFirst()
            guard let c2 = utf8.first, let lo = hexValue(c2) else { return nil }
            utf8 = utf8.dropFirst()
            bytes.append(hi << 4 | lo)
        }
        guard utf8.allSatisfy(isSpace) else { return nil }
        self.init(libvirtBytes: bytes)
    }

    /// A UUID from libvirt's raw 16-byte form (`VIR_UUID_BUFLEN`). Returns nil unless there are 16 bytes.
    public init?<Bytes: Collection>(libvirtBytes bytes: Bytes) where Bytes.Element == UInt8 {
        guard bytes.count == 16 else { return nil }
        let b = Array(bytes)
        self.init(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                         b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }

    /// The 16 raw bytes, as `virDomainGetUUID` returns them.
    public var libvirtBytes: [UInt8] {
        withUnsafeBytes(of: uuid) { Array($0) }
    }

    /// The canonical lower-case form libvirt prints (`VIR_UUID_STRING_BUFLEN` - 1 characters).
    public var libvirtString: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (i, byte) in libvirtBytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

private func isSpace(_ c: UInt8) -> Bool {
    c == 0x20 || (c >= 0x09 && c <= 0x0d)
}

private func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
}
