/// A MAC address in libvirt's text form, parsed as `virMacAddrParse` does (six 1-2 digit hex octets
/// separated by ':', anything at or below ' ' may follow) and written lower case.
struct MACAddress: Equatable {
    var bytes: [UInt8]

    init?(parsing text: String) {
        var result: [UInt8] = []
        var chars = Array(text.utf8)
        chars.append(0)
        var i = 0
        for octet in 0..<6 {
            guard hexValue(chars[i]) != nil else { return nil }
            var value = 0
            var digits = 0
            while let d = hexValue(chars[i]) {
                value = value * 16 + Int(d)
                digits += 1
                i += 1
                if digits > 2 { return nil }
            }
            result.append(UInt8(value))
            if octet == 5 {
                guard chars[i] <= 0x20 else { return nil }
                break
            }
            guard chars[i] == UInt8(ascii: ":") else { return nil }
            i += 1
        }
        bytes = result
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The multicast bit of the first octet.
    var isMulticast: Bool { bytes[0] & 1 == 1 }

    var text: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(17)
        for (index, byte) in bytes.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ":")) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

private func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
}
