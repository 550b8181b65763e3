/// libvirt's escaping of XML text and attribute values (`virBufferEscapeString`), for every writer of XML:
/// the domain formatter, capabilities, the xl.cfg conversions and `virsh echo --xml`.
///
/// `<`, `>`, `&`, `"` and `'` become entities (attributes are single-quoted, so `'` must be one). The control
/// characters on libvirt's list are dropped: 0x01-0x08, 0x0B, 0x0C and 0x0E-0x19; tab, newline and CR stay,
/// and so do 0x1A-0x1F, which libvirt's list leaves out (libvirt 9.0's `virsh echo --xml` keeps them too).
/// NUL, which a C string cannot hold, is dropped.
package enum XMLEscaping {
    package static func escaped(_ text: String) -> String {
        var text = text
        return text.withUTF8 { utf8 in
            // Most values have nothing to escape: they are returned as they are, without a copy.
            guard needsEscaping(utf8) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count + 16)
            escape(utf8) { out.append(contentsOf: $0) }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// Whether any byte of `utf8` changes. The domain formatter asks this once a value and copies the
    /// value as it is when nothing does (the common case), so no byte costs a call into this module.
    package static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        utf8.contains(where: needsEscaping)
    }

    /// Hands `utf8` to `append` escaped, in pieces: runs of bytes as they are and the entities between them.
    package static func escape(_ utf8: UnsafeBufferPointer<UInt8>, into append: (UnsafeBufferPointer<UInt8>) -> Void) {
        var plainStart = 0
        for index in utf8.indices where needsEscaping(utf8[index]) {
            if index > plainStart { append(UnsafeBufferPointer(rebasing: utf8[plainStart..<index])) }
            replacement(for: utf8[index]).withUTF8Buffer { if !$0.isEmpty { append($0) } }
            plainStart = index + 1
        }
        if utf8.count > plainStart { append(UnsafeBufferPointer(rebasing: utf8[plainStart...])) }
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        if byte < 0x20 { return byte < 0x1A && byte != 0x09 && byte != 0x0A && byte != 0x0D }
        return byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// The entity for a byte that needs escaping; nothing for a dropped control character.
    private static func replacement(for byte: UInt8) -> StaticString {
        switch byte {
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&apos;"
        default: ""
        }
    }
}
