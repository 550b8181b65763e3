/// Builds libvirt-shaped XML text into one byte buffer: two-space indentation, single-quoted attributes,
/// and libvirt's escaping (`&<>"'` as entities). Elements are opened with ``open(_:_:)`` and closed
/// with ``close(_:)``; leaf elements are written in one call.
struct XMLWriter {
    private(set) var bytes: [UInt8] = []
    private(set) var depth = 0

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func indent() {
        for _ in 0..<depth {
            bytes.append(0x20)
            bytes.append(0x20)
        }
    }

    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func newline() { bytes.append(0x0a) }

    /// Appends `text` with libvirt's escaping; control characters other than tab/newline/CR are dropped.
    mutating func escaped(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "\""): raw("&quot;")
            case UInt8(ascii: "'"): raw("&apos;")
            case 0x09, 0x0a, 0x0d: bytes.append(byte)
            case 0x00..<0x20: continue
            default: bytes.append(byte)
            }
        }
    }

    /// ` name='value'`.
    mutating func attribute(_ name: String, _ value: String) {
        bytes.append(0x20)
        raw(name)
        raw("='")
        escaped(value)
        bytes.append(UInt8(ascii: "'"))
    }

    mutating func attribute(_ name: String, _ value: String?) {
        if let value { attribute(name, value) }
    }

    mutating func attributes(_ list: [XMLAttribute]) {
        for attr in list { attribute(attr.name, attr.value) }
    }

    /// `<name attrs...>` plus newline, and one more level of indentation.
    mutating func open(_ name: String, _ attrs: [(String, String?)] = [], extra: [XMLAttribute] = []) {
        indent()
        bytes.append(UInt8(ascii: "<"))
        raw(name)
        for (key, value) in attrs { attribute(key, value) }
        attributes(extra)
        raw(">\n")
        depth += 1
    }

    mutating func depthIncrease() { depth += 1 }

    mutating func close(_ name: String) {
        depth -= 1
        indent()
        raw("</")
        raw(name)
        raw(">\n")
    }

    /// `<name attrs.../>` plus newline.
    mutating func empty(_ name: String, _ attrs: [(String, String?)] = [], extra: [XMLAttribute] = []) {
        indent()
        bytes.append(UInt8(ascii: "<"))
        raw(name)
        for (key, value) in attrs { attribute(key, value) }
        attributes(extra)
        raw("/>\n")
    }

    /// `<name attrs...>text</name>` plus newline.
    mutating func leaf(_ name: String, _ text: String, _ attrs: [(String, String?)] = []) {
        indent()
        bytes.append(UInt8(ascii: "<"))
        raw(name)
        for (key, value) in attrs { attribute(key, value) }
        bytes.append(UInt8(ascii: ">"))
        escaped(text)
        raw("</")
        raw(name)
        raw(">\n")
    }

    mutating func leaf(_ name: String, _ text: String?) {
        if let text { leaf(name, text) }
    }

    /// A kept fragment: written after the current indentation; its later lines carry their own.
    mutating func fragment(_ fragment: XMLFragment) {
        indent()
        raw(fragment.xml)
        newline()
    }
}
