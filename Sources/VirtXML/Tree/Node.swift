internal import CLibXML2
import Glibc

/// A borrowed libxml2 element used while walking a document that the caller keeps alive. It avoids the
/// reference counting of ``XMLElement`` on the hot parse path.
struct Node {
    let pointer: xmlNodePtr

    init(_ pointer: xmlNodePtr) {
        self.pointer = pointer
    }

    var name: String { String(cString: pointer.pointee.name) }

    /// True for an element in no namespace: only those are libvirt's own elements.
    var isPlain: Bool { pointer.pointee.ns == nil }

    var line: Int { Int(xmlGetLineNo(pointer)) }

    func named(_ name: StaticString) -> Bool {
        strcmpBytes(pointer.pointee.name, name)
    }

    /// The attribute `name` (no namespace), or nil when absent.
    func attribute(_ name: String) -> String? {
        var attr = pointer.pointee.properties
        while let current = attr {
            if current.pointee.ns == nil, cStringEquals(current.pointee.name, name) {
                return attributeValue(current)
            }
            attr = current.pointee.next
        }
        return nil
    }

    /// XPath string(): the text of the element and its descendants.
    var text: String {
        // Fast path: a single text child.
        if let child = pointer.pointee.children, child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE,
            let content = child.pointee.content
        {
            return String(cString: content)
        }
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { free(content) }
        return String(cString: content)
    }

    /// libvirt's `virXPathString("string(...)")`: the text, or nil when it is empty.
    var nonEmptyText: String? {
        let value = text
        return value.isEmpty ? nil : value
    }

    /// Child elements in document order.
    var elements: NodeChildren { NodeChildren(first: pointer.pointee.children) }

    /// The first child element with `name` in no namespace.
    func child(_ name: StaticString) -> Node? {
        for child in elements where child.isPlain && child.named(name) { return child }
        return nil
    }

    /// Attributes other than `known` (namespaced ones always count as unknown), in document order.
    func unknownAttributes(known: [String]) -> [XMLAttribute] {
        var result: [XMLAttribute] = []
        var attr = pointer.pointee.properties
        while let current = attr {
            if current.pointee.ns != nil || !known.contains(where: { cStringEquals(current.pointee.name, $0) }) {
                result.append(XMLAttribute(name: qualifiedAttributeName(current), value: attributeValue(current)))
            }
            attr = current.pointee.next
        }
        return result
    }

    /// Namespace declarations on this element, as `xmlns:prefix` attributes.
    var namespaceDeclarations: [XMLAttribute] {
        var result: [XMLAttribute] = []
        var ns = pointer.pointee.nsDef
        while let current = ns {
            let name = current.pointee.prefix.map { "xmlns:" + String(cString: $0) } ?? "xmlns"
            result.append(XMLAttribute(name: name, value: current.pointee.href.map { String(cString: $0) } ?? ""))
            ns = current.pointee.next
        }
        return result
    }
}

struct NodeChildren: Sequence, IteratorProtocol {
    var cursor: xmlNodePtr?

    init(first: xmlNodePtr?) {
        cursor = first
    }

    mutating func next() -> Node? {
        while let current = cursor {
            cursor = current.pointee.next
            if current.pointee.type == XML_ELEMENT_NODE { return Node(current) }
        }
        return nil
    }
}

/// Whether libxml2's NUL-terminated `cString` is `string`, compared byte by byte: passing a short Swift
/// string where C expects a `char *` makes a heap copy of it first.
func cStringEquals(_ cString: UnsafePointer<xmlChar>?, _ string: String) -> Bool {
    guard var cursor = cString else { return false }
    for byte in string.utf8 {
        guard byte != 0, cursor.pointee == byte else { return false }
        cursor += 1
    }
    return cursor.pointee == 0
}

private func strcmpBytes(_ a: UnsafePointer<xmlChar>?, _ b: StaticString) -> Bool {
    guard var a else { return false }
    return b.withUTF8Buffer { buffer in
        for byte in buffer {
            if a.pointee != byte { return false }
            a += 1
        }
        return a.pointee == 0
    }
}
