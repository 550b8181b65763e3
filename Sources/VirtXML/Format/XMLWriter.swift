import VirtModel

/// Builds libvirt-shaped XML text into one byte buffer: two-space indentation, single-quoted attributes,
/// and libvirt's escaping (``XMLEscaping``).
///
/// Everything goes straight into the buffer, with no intermediate lists or strings. An element with
/// attributes is written as ``begin(_:)``, its ``attribute(_:_:)``s, then one ending: ``endEmpty()``
/// (`<name .../>`), ``endOpen()`` (its content follows, then ``close(_:)``), or ``endText(_:_:)``
/// (`<name ...>text</name>`). Elements without attributes have one-call forms (``empty(_:)``,
/// ``open(_:)``, ``leaf(_:_:)``).
struct XMLWriter: ~Copyable {
    private var bytes: OutputBuffer
    private(set) var depth = 0

    init(capacity: Int = 4096) {
        bytes = OutputBuffer(capacity: capacity)
    }

    var string: String { bytes.string }

    // MARK: Raw text

    mutating func indent() {
        bytes.append(repeating: 0x20, count: 2 * depth)
    }

    mutating func raw(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append($0) }
        if copied == nil { for byte in text.utf8 { bytes.append(byte) } }
    }

    @inline(__always)  // every tag name, quote and bracket goes through here
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append($0) }
    }

    mutating func newline() { bytes.append(0x0a) }

    /// Appends `value` in decimal, without making a String of it.
    mutating func digits<Integer: BinaryInteger>(_ value: Integer) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        let start = bytes.count
        repeat {
            let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: 10)
            bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: remainder))
            rest = quotient
        } while rest != 0
        bytes.reverseSuffix(from: start)
    }

    /// Appends `text` with libvirt's escaping (``XMLEscaping``).
    mutating func escaped(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            if XMLEscaping.needsEscaping(utf8) {
                XMLEscaping.escape(utf8) { bytes.append($0) }
            } else {
                bytes.append(utf8)
            }
        }
        if copied == nil { raw(XMLEscaping.escaped(text)) }
    }

    // MARK: Start tags

    /// Indentation and `<name`; attributes and one of the endings follow.
    mutating func begin(_ name: StaticString) {
        indent()
        bytes.append(UInt8(ascii: "<"))
        raw(name)
    }

    /// ` name='value'`.
    mutating func attribute(_ name: StaticString, _ value: String) {
        bytes.append(0x20)
        raw(name)
        raw("='")
        escaped(value)
        bytes.append(UInt8(ascii: "'"))
    }

    /// ` name='value'` when there is a value.
    mutating func attribute(_ name: StaticString, _ value: String?) {
        if let value { attribute(name, value) }
    }

    /// ` name='keyword'`.
    mutating func attribute<Keyword: XMLKeyword>(_ name: StaticString, _ value: Keyword?) {
        attribute(name, value?.rawValue)
    }

    /// ` name='123'`.
    mutating func attribute<Integer: BinaryInteger>(_ name: StaticString, _ value: Integer) {
        bytes.append(0x20)
        raw(name)
        raw("='")
        digits(value)
        bytes.append(UInt8(ascii: "'"))
    }

    /// ` name='123'` when there is a value.
    mutating func attribute<Integer: BinaryInteger>(_ name: StaticString, _ value: Integer?) {
        if let value { attribute(name, value) }
    }

    /// ` name='value'` for a name known only at run time, when there is a value.
    mutating func attribute(named name: String, _ value: String?) {
        guard let value else { return }
        bytes.append(0x20)
        raw(name)
        raw("='")
        escaped(value)
        bytes.append(UInt8(ascii: "'"))
    }

    /// Kept attributes, as they came.
    mutating func attributes(_ list: [XMLAttribute]) {
        for attr in list { attribute(named: attr.name, attr.value) }
    }

    // MARK: Endings of a start tag

    /// `/>` and newline: the element is complete.
    mutating func endEmpty() {
        raw("/>\n")
    }

    /// `>` and newline: the element's content follows, one level deeper, until ``close(_:)``.
    mutating func endOpen() {
        raw(">\n")
        depth += 1
    }

    /// `>text</name>` and newline.
    mutating func endText(_ text: String, _ name: StaticString) {
        bytes.append(UInt8(ascii: ">"))
        escaped(text)
        endTag(name)
    }

    /// `>123</name>` and newline.
    mutating func endText<Integer: BinaryInteger>(_ number: Integer, _ name: StaticString) {
        bytes.append(UInt8(ascii: ">"))
        digits(number)
        endTag(name)
    }

    /// The kept children, if any, then the end tag; `/>` when there are none.
    mutating func endWithChildren(_ children: [XMLFragment], _ name: StaticString) {
        guard !children.isEmpty else { return endEmpty() }
        endOpen()
        for child in children { fragment(child) }
        close(name)
    }

    // MARK: Whole elements

    /// `<name>` and newline, and one more level of indentation.
    mutating func open(_ name: StaticString) {
        begin(name)
        endOpen()
    }

    /// The end tag of an element opened with ``open(_:)`` or ``endOpen()``.
    mutating func close(_ name: StaticString) {
        depth -= 1
        indent()
        endTag(name)
    }

    /// `<name/>` and newline.
    mutating func empty(_ name: StaticString) {
        begin(name)
        endEmpty()
    }

    /// `<name>text</name>` and newline.
    mutating func leaf(_ name: StaticString, _ text: String) {
        begin(name)
        endText(text, name)
    }

    /// `<name>text</name>` when there is a text.
    mutating func leaf(_ name: StaticString, _ text: String?) {
        if let text { leaf(name, text) }
    }

    /// A kept fragment: written after the current indentation; its later lines carry their own.
    mutating func fragment(_ fragment: XMLFragment) {
        indent()
        raw(fragment.xml)
        newline()
    }

    /// The opening tag's line has been written by hand; indent what follows.
    mutating func open() { depth += 1 }

    // MARK: Optional parts

    /// Where an optional sub-element began, so that it can be taken back when it says nothing.
    struct Part {
        fileprivate let start: Int
        fileprivate let afterName: Int
    }

    /// Begins a sub-element that is left out when it gets no attribute and has nothing kept: `begin(_:)`,
    /// then its attributes, then ``endPart(_:_:unknown:)``.
    mutating func beginPart(_ name: StaticString) -> Part {
        let start = bytes.count
        begin(name)
        return Part(start: start, afterName: bytes.count)
    }

    /// Ends a part with its kept attributes and children, or takes it back when it would say nothing.
    mutating func endPart(_ part: Part, _ name: StaticString, unknown: UnknownXML?) {
        if let unknown { attributes(unknown.attributes) }
        let children = unknown?.elements ?? []
        if children.isEmpty, bytes.count == part.afterName {
            bytes.removeSuffix(from: part.start)
            return
        }
        endWithChildren(children, name)
    }

    private mutating func endTag(_ name: StaticString) {
        raw("</")
        raw(name)
        raw(">\n")
    }
}
