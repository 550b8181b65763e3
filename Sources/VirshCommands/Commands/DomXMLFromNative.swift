import Virt

extension Commands {
    /// `domxml-from-native <format> <config>`: the domain XML for a configuration file in the hypervisor's own
    /// format (`virConnectDomainXMLFromNative`), e.g. an xl.cfg file with format "xen-xl".
    static let domxmlFromNative = CommandDefinition(
        name: "domxml-from-native",
        summary: "Convert native config to domain XML",
        description: "Convert native guest configuration format to domain XML format.",
        options: [
            .data("format", "source config data format"),
            .data("config", "config data file to import from"),
        ]
    ) { context throws(CommandFailure) in
        guard let format = try context.string("format"), let path = try context.string("config") else {
            throw CommandFailure()
        }
        let config = try context.require(TextFile.contents(of: path))
        let connection = try context.connection
        let xml = try await context.require { () async throws(VirtError) in
            try await connection.domainXMLFromNative(format: NativeConfigFormat(rawValue: format), config: config)
        }
        context.print(xml)
    }
}
