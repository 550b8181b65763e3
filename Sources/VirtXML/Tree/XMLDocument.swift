internal import CLibXML2
public import VirtModel

/// A parsed XML document, read with libxml2 as libvirt reads it: no network access, no warnings, the first
/// fatal libxml2 error reported as VIR_ERR_XML_DETAIL with the offending line and a caret under the column.
///
/// The document is immutable once parsed, so it can be read from any thread; ``root`` and the elements
/// reached from it keep the document alive.
public final class XMLDocument: @unchecked Sendable {
    // Immutable after init; libxml2 trees are safe to read concurrently.
    let pointer: xmlDocPtr

    /// How to read whitespace between elements.
    public enum Whitespace: Sendable {
        /// Keep every text node (XML's default).
        case keep
        /// Drop whitespace-only text between elements, as libvirt's domain parser does
        /// (`xmlKeepBlanksDefault(0)`), so subtrees can be re-indented on output.
        case dropIgnorable
    }

    /// Parses `text`.
    /// - Parameters:
    ///   - documentName: the name used in error messages, e.g. "(domain_definition)".
    ///   - rootElement: when given, the root element must have this name (VIR_ERR_XML_ERROR otherwise).
    ///   - errorDomain: the libvirt error domain of the caller (VIR_FROM_DOMAIN for domain XML).
    /// - Throws: VIR_ERR_XML_DETAIL for malformed XML, VIR_ERR_XML_ERROR for a wrong root element.
    public init(
        parsing text: String, documentName: String = "[inline data]", rootElement: String? = nil,
        errorDomain: ErrorDomain = .xml, whitespace: Whitespace = .keep
    ) throws(VirtError) {
        pointer = try XMLParserRun.parse(
            text: text, path: nil, documentName: documentName, errorDomain: errorDomain, whitespace: whitespace)
        try checkRoot(rootElement)
    }

    /// Parses `text` with a parser context the caller owns (see ``ParserContextPool``).
    init(
        parsing text: String, documentName: String, rootElement: String, errorDomain: ErrorDomain,
        whitespace: Whitespace, context: xmlParserCtxtPtr
    ) throws(VirtError) {
        pointer = try XMLParserRun.parse(
            text: text, path: nil, documentName: documentName, errorDomain: errorDomain, whitespace: whitespace,
            context: context)
        try checkRoot(rootElement)
    }

    /// Parses the file at `path` (errors name the path, as libvirt's do).
    public init(
        contentsOfFile path: String, rootElement: String? = nil, errorDomain: ErrorDomain = .xml,
        whitespace: Whitespace = .keep
    ) throws(VirtError) {
        pointer = try XMLParserRun.parse(
            text: nil, path: path, documentName: path, errorDomain: errorDomain, whitespace: whitespace)
        try checkRoot(rootElement)
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// The root element (every parsed document has one).
    public var root: XMLElement {
        // XMLParserRun guarantees a root element.
        XMLElement(document: self, node: xmlDocGetRootElement(pointer))
    }

    private func checkRoot(_ expected: String?) throws(VirtError) {
        guard let expected else { return }
        let actual = root.name
        if actual != expected {
            throw VirtError(.xmlError, .xml, "expecting root element of '\(expected)', not '\(actual)'")
        }
    }
}
