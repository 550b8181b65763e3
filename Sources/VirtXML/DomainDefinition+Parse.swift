public import VirtModel

extension DomainDefinition {
    /// Parses, fills defaults and validates domain XML, as libvirt's `virDomainDefParseString` does with
    /// `VIR_DOMAIN_DEF_PARSE_INACTIVE` (a run-time `id` is ignored; see ``init(xml:defaults:options:)``).
    /// - Throws: VIR_ERR_XML_DETAIL for malformed XML; otherwise libvirt's code and message for the case
    ///   (VIR_ERR_NO_NAME, VIR_ERR_XML_ERROR, VIR_ERR_CONFIG_UNSUPPORTED, ...).
    public init(xml: String, defaults: DefinitionDefaults = DefinitionDefaults()) throws(VirtError) {
        try self.init(xml: xml, defaults: defaults, options: [])
    }

    /// Parses domain XML with `options` (live state, schema validation).
    public init(xml: String, defaults: DefinitionDefaults, options: DefinitionParseOptions) throws(VirtError) {
        self = try ParserContextPool.domain.withDocument(
            parsing: xml, documentName: "(domain_definition)", rootElement: "domain", errorDomain: .domain,
            whitespace: .dropIgnorable
        ) { document throws(VirtError) in
            if options.contains(.validateSchema) {
                try DomainSchema.shared.validate(document)
            }
            return try DomainDefinition(element: document.root, defaults: defaults, options: options)
        }
    }

    /// Builds a definition from a `<domain>` element of a larger document (a test driver node file, a
    /// saved state file). The document should be read with ``XMLDocument/Whitespace/dropIgnorable`` so
    /// kept subtrees re-indent cleanly.
    public init(element: XMLElement, defaults: DefinitionDefaults, options: DefinitionParseOptions = [])
        throws(VirtError)
    {
        self = try DomainParser(
            root: Node(element.node), live: options.contains(.live),
            generatedInterfacePrefix: defaults.generatedInterfacePrefix
        ).parse()
        try fillDefaults(defaults)
        try validate(defaults)
    }

    /// Writes the definition as libvirt does.
    public func xml(_ format: DefinitionFormat = []) -> String {
        var writer = XMLWriter()
        write(into: &writer, format: format)
        return writer.string
    }
}

/// How to read a definition.
public struct DefinitionParseOptions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Read run-time state too (the domain `id`, VNC ports), as libvirt does for status XML.
    public static let live = DefinitionParseOptions(rawValue: 1)
    /// Validate against libvirt's RelaxNG schema first (`virsh define --validate`).
    public static let validateSchema = DefinitionParseOptions(rawValue: 2)
}
