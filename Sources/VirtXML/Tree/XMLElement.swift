internal import CLibXML2
import Glibc

/// An element of an ``XMLDocument``: name, attributes, text, child elements, source line, and its subtree
/// serialised. Keeps its document alive.
public struct XMLElement: @unchecked Sendable {
    // The node belongs to `document`, which is immutable and kept alive by this reference.
    public let document: XMLDocument
    let node: xmlNodePtr

    init(document: XMLDocument, node: xmlNodePtr) {
        self.document = document
        self.node = node
    }

    /// The local name ("disk"), without any namespace prefix.
    public var name: String { String(cString: node.pointee.name) }

    /// The namespace prefix ("test" for `<test:runstate>`), if any.
    public var prefix: String? {
        guard let ns = node.pointee.ns, let prefix = ns.pointee.prefix else { return nil }
        return String(cString: prefix)
    }

    /// The namespace URI, if the element is in one.
    public var namespaceURI: String? {
        guard let ns = node.pointee.ns, let href = ns.pointee.href else { return nil }
        return String(cString: href)
    }

    /// The name as written: "prefix:name" or "name".
    public var qualifiedName: String {
        if let prefix { return prefix + ":" + name }
        return name
    }

    /// The line the element starts on.
    public var line: Int { Int(xmlGetLineNo(node)) }

    /// The value of the attribute `name` (without namespace), or nil.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetNoNsProp(node, name) else { return nil }
        defer { free(value) }
        return String(cString: value)
    }

    /// Every attribute, in document order, with prefixed names for namespaced ones.
    public var attributes: [XMLAttribute] {
        var result: [XMLAttribute] = []
        var attr = node.pointee.properties
        while let current = attr {
            result.append(XMLAttribute(name: qualifiedAttributeName(current), value: attributeValue(current)))
            attr = current.pointee.next
        }
        return result
    }

    /// Namespace declarations made on this element ("xmlns:test" -> URI), in document order.
    public var namespaceDeclarations: [XMLAttribute] {
        var result: [XMLAttribute] = []
        var ns = node.pointee.nsDef
        while let current = ns {
            let name = current.pointee.prefix.map { "xmlns:" + String(cString: $0) } ?? "xmlns"
            let href = current.pointee.href.map { String(cString: $0) } ?? ""
            result.append(XMLAttribute(name: name, value: href))
            ns = current.pointee.next
        }
        return result
    }

    /// The child elements in document order.
    public var children: [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                result.append(XMLElement(document: document, node: current))
            }
            child = current.pointee.next
        }
        return result
    }

    /// The first child element called `name` (no namespace), or nil.
    public func child(_ name: String) -> XMLElement? {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, current.pointee.ns == nil,
                xmlStrEqual(current.pointee.name, name) != 0
            {
                return XMLElement(document: document, node: current)
            }
            child = current.pointee.next
        }
        return nil
    }

    /// Every child element called `name` (no namespace).
    public func children(_ name: String) -> [XMLElement] {
        children.filter { $0.node.pointee.ns == nil && $0.name == name }
    }

    /// The concatenated text of the element and its descendants (XPath `string()`).
    public var text: String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { free(content) }
        return String(cString: content)
    }

    /// The subtree as XML text, as libxml2 writes it (`xmlNodeDump`); `indentLevel` indents nested lines
    /// when the document was read with ``XMLDocument/Whitespace/dropIgnorable``.
    public func serialized(indentLevel: Int = 0, format: Bool = true) -> String {
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        _ = xmlNodeDump(buffer, document.pointer, node, Int32(indentLevel), format ? 1 : 0)
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }
}

func qualifiedAttributeName(_ attr: xmlAttrPtr) -> String {
    let local = String(cString: attr.pointee.name)
    if let ns = attr.pointee.ns, let prefix = ns.pointee.prefix {
        return String(cString: prefix) + ":" + local
    }
    return local
}

func attributeValue(_ attr: xmlAttrPtr) -> String {
    // Attribute values are a single text child in parsed documents; fall back to libxml2 otherwise.
    if let child = attr.pointee.children, child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE,
        let content = child.pointee.content
    {
        return String(cString: content)
    }
    guard let value = xmlNodeListGetString(attr.pointee.doc, attr.pointee.children, 1) else { return "" }
    defer { free(value) }
    return String(cString: value)
}
