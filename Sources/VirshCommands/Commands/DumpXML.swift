import Virt

extension Commands {
    /// `dumpxml <domain>`: the domain's XML, or with `--xpath` the parts an XPath expression selects.
    static let dumpxml = CommandDefinition(
        name: "dumpxml",
        summary: "domain information in XML",
        description: "Output the domain information as an XML dump to stdout.",
        options: [
            .domain(),
            .bool("inactive", "show inactive defined XML"),
            .bool("security-info", "include security sensitive information in XML dump"),
            .bool("update-cpu", "update guest CPU according to host CPU"),
            .bool("migratable", "provide XML suitable for migrations"),
            .string("xpath", namedOnly: true, "xpath expression to filter the XML document"),
            .bool("wrap", "wrap xpath results in an common root element"),
        ]
    ) { context throws(CommandFailure) in
        var flags: DomainXMLFlags = []
        if context.flag("inactive") { flags.insert(.inactive) }
        if context.flag("security-info") { flags.insert(.secure) }
        if context.flag("update-cpu") { flags.insert(.updateCPU) }
        if context.flag("migratable") { flags.insert(.migratable) }
        let (domain, _) = try await context.domain()
        let xpath = context.quietString("xpath")
        if xpath == .rejected { throw CommandFailure() }
        let xml = try await context.require { () async throws(VirtError) in try await domain.xmlDescription(flags: flags) }
        try printXML(xml, url: "domain", xpath: xpath.text, wrap: context.flag("wrap"), context)
    }

    /// Prints `xml`, or the nodes `xpath` selects in it, one per line or wrapped in `<nodes>` (`virshDumpXML`).
    static func printXML(
        _ xml: String, url: String, xpath: String?, wrap: Bool, _ context: CommandContext
    ) throws(CommandFailure) {
        guard let xpath else {
            context.print(xml)
            return
        }
        let document: XMLQuery
        do {
            document = try XMLQuery(parsing: xml, url: url, keepBlanks: false)
        } catch {
            context.record(error)
            throw CommandFailure()
        }
        // libxml2 reports a malformed expression on standard error itself; keep the streams in order.
        context.session.console.flush()
        let nodes = try context.require(document.nodes(xpath))
        if wrap {
            context.print(document.wrapped(nodes) + "\n")
        } else {
            for node in nodes { context.print(document.text(of: node) + "\n") }
        }
    }
}
