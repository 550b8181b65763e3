import CLibXML2
import Virt

/// A domain XML document to query with XPath, as virsh queries the XML libvirt returns
/// (`virXMLParseStringCtxt`, `virXPathString`, `virXPathNodeSet`, `virXMLNodeToString`), with libxml2 itself
/// so results, and libxml2's own messages about bad expressions, are the same.
final class XMLQuery {
    private let document: xmlDocPtr
    private let context: xmlXPathContextPtr
    private let root: xmlNodePtr

    /// Parses `text`; `url` names the document in messages. `keepBlanks` false drops whitespace-only text,
    /// so formatted output is re-indented.
    init(parsing text: String, url: String, keepBlanks: Bool = true) throws(VirtError) {
        var options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOERROR.rawValue)
        if !keepBlanks { options |= Int32(XML_PARSE_NOBLANKS.rawValue) }
        guard let parser = xmlNewParserCtxt() else { throw VirtError(.noMemory, .none) }
        defer { xmlFreeParserCtxt(parser) }
        let parsed = text.withXMLChars { chars in
            url.withCString { xmlCtxtReadDoc(parser, chars, $0, nil, options) }
        }
        guard let parsed else {
            throw VirtError(.xmlError, .none, "failed to parse xml document '\(url)'")
        }
        guard let root = xmlDocGetRootElement(parsed), let context = xmlXPathNewContext(parsed) else {
            xmlFreeDoc(parsed)
            throw VirtError(.internalError, .none, "missing root element")
        }
        context.pointee.node = root
        self.document = parsed
        self.context = context
        self.root = root
    }

    deinit {
        xmlXPathFreeContext(context)
        xmlFreeDoc(document)
    }

    /// An XML node of this document; valid while the document lives.
    struct Node {
        fileprivate let pointer: xmlNodePtr
    }

    /// The string value of `xpath` (which must be a `string(...)` expression), evaluated at `node` or the
    /// root; nil when it fails or is empty (`virXPathString`).
    func string(_ xpath: String, at node: Node? = nil) -> String? {
        context.pointee.node = node?.pointer ?? root
        guard let object = evaluate(xpath) else { return nil }
        defer { xmlXPathFreeObject(object) }
        guard object.pointee.type == XPATH_STRING, let value = object.pointee.stringval, value.pointee != 0 else {
            return nil
        }
        return String(cString: value)
    }

    /// `string(xpath)` read as an unsigned number (`virXPathUInt`): `.missing` when there is no value,
    /// `.malformed` when it is not a number.
    func uint32(_ xpath: String, at node: Node? = nil) -> NumberLookup {
        guard let text = string(xpath, at: node) else { return .missing }
        guard let value = CNumber.uint32(text, wrap: false) else { return .malformed }
        return .value(value)
    }

    enum NumberLookup: Equatable {
        case value(UInt32)
        case missing
        case malformed
    }

    /// The nodes `xpath` selects (`virXPathNodeSet`); an expression libxml2 cannot evaluate selects none,
    /// one that yields no node set is an error.
    func nodes(_ xpath: String, at node: Node? = nil) -> Result<[Node], VirtError> {
        context.pointee.node = node?.pointer ?? root
        guard let object = evaluate(xpath) else { return .success([]) }
        defer { xmlXPathFreeObject(object) }
        guard object.pointee.type == XPATH_NODESET else {
            return .failure(VirtError(.internalError, .none, "Incorrect xpath '\(xpath)'"))
        }
        guard let set = object.pointee.nodesetval, set.pointee.nodeNr > 0, let table = set.pointee.nodeTab else {
            return .success([])
        }
        return .success((0..<Int(set.pointee.nodeNr)).compactMap { table[$0].map(Node.init) })
    }

    /// The node as formatted XML (`virXMLNodeToString`).
    func text(of node: Node) -> String {
        Self.dump(node.pointer, in: document)
    }

    /// Copies of `nodes` under one `<nodes>` element, formatted (dumpxml's `--wrap`).
    func wrapped(_ nodes: [Node]) -> String {
        guard let wrapper = xmlNewDoc("1.0".xmlChars), let top = xmlNewNode(nil, "nodes".xmlChars) else { return "" }
        defer { xmlFreeDoc(wrapper) }
        xmlDocSetRootElement(wrapper, top)
        for node in nodes {
            if let copy = xmlDocCopyNode(node.pointer, wrapper, 1), xmlAddChild(top, copy) == nil {
                xmlFreeNode(copy)
            }
        }
        return Self.dump(top, in: document)
    }

    private func evaluate(_ xpath: String) -> xmlXPathObjectPtr? {
        xpath.withXMLChars { xmlXPathEval($0, context) }
    }

    private static func dump(_ node: xmlNodePtr, in document: xmlDocPtr) -> String {
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        xmlNodeDump(buffer, document, node, 0, 1)
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }
}

extension String {
    /// The string as libxml2's `const xmlChar *`, for the duration of `body`.
    fileprivate func withXMLChars<T>(_ body: (UnsafePointer<xmlChar>) -> T) -> T {
        withCString { chars in
            chars.withMemoryRebound(to: xmlChar.self, capacity: utf8.count + 1) { body($0) }
        }
    }

    /// A copy libxml2 may keep (for node and document names, copied by libxml2 itself).
    fileprivate var xmlChars: [xmlChar] {
        Array(utf8) + [0]
    }
}
