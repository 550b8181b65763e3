import Virt

extension Commands {
    /// `domxml-to-native <format> (--domain <domain> | [--xml] <file>)`: a domain's XML, from a file or a defined
    /// domain, in the hypervisor's own configuration format (`virConnectDomainXMLToNative`).
    static let domxmlToNative = CommandDefinition(
        name: "domxml-to-native",
        summary: "Convert domain XML to native config",
        description: "Convert domain XML config to a native guest configuration format.",
        options: [
            .data("format", "target config data type format"),
            .string("domain", namedOnly: true, "domain name, id or uuid"),
            .string("xml", "xml data file to export from"),
        ]
    ) { context throws(CommandFailure) in
        guard let format = try context.string("format") else { throw CommandFailure() }
        let path = try context.string("xml")
        try context.exclusive("domain", "xml")
        let xml: String
        if context.flag("domain") {
            let (domain, _) = try await context.domain()
            guard let text = await context.attempt({ () async throws(VirtError) in try await domain.xmlDescription() })
            else { throw context.failure("failed to retrieve XML") }
            xml = text
        } else if let path {
            xml = try context.require(TextFile.contents(of: path))
        } else {
            throw context.failure("need either domain or domain XML")
        }
        let connection = try context.connection
        let config = try await context.require { () async throws(VirtError) in
            try await connection.domainXMLToNative(format: NativeConfigFormat(rawValue: format), xml: xml)
        }
        context.print(config)
    }
}
