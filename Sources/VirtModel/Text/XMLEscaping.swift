/// libvirt's escaping of XML text and attribute values (`virBufferEscapeString`), for every writer of XML:
/// the domain formatter, capabilities, the xl.cfg conversions and `virsh echo --xml`.
///
/// `<`, `>`, `&`, `"` and `'` become entities (attributes are single-quoted, so `'` must be one). The control
/// characters on libvirt's list are dropped: 0x01-0x08, 0x0B, 0x0C and 0x0E-0x19; tab, newline and CR stay,
/// and so do 0x1A-0x1F, which libvirt's list leaves out (libvirt 9.0's `virsh echo --xml` keeps them too).
/// NUL, which a C string cannot hold, is dropped.
package enum XMLEscaping {
    package static func escaped(_ text: String) -> String {
        // Most values have nothing to escape: they are returned as they are, without a copy.
        guard text.utf8.contains(where: needsEscaping) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'"): out += "&apos;".utf8
            case _ where isDropped(byte): continue
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        default: isDropped(byte)
        }
    }

    private static func isDropped(_ byte: UInt8) -> Bool {
        byte <= 0x08 || byte == 0x0B || byte == 0x0C || (0x0E...0x19).contains(byte)
    }
}
