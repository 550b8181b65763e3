import Virt

extension Commands {
    /// `define <file>`: makes a persistent domain from an XML file without starting it.
    static let define = CommandDefinition(
        name: "define",
        summary: "define (but don't start) a domain from an XML file",
        description: "Define a domain.",
        options: [
            .file("file containing an XML domain description"),
            .bool("validate", "validate the XML against the schema"),
        ]
    ) { context throws(CommandFailure) in
        guard let path = try context.string("file") else { throw CommandFailure() }
        let validate = context.flag("validate")
        let bytes = try context.require(TextFile.domainXML(of: path))
        let connection = try context.connection
        let domain = try await context.require("Failed to define domain from \(path)") { () async throws(VirtError) in
            let xml = try DomainXMLInput.text(bytes)
            return validate
                ? try await connection.defineDomain(xml: xml, flags: .validate)
                : try await connection.defineDomain(xml: xml)
        }
        context.printExtra("Domain '\(domain.name)' defined from \(path)\n")
    }
}
