import Virt

extension Commands {
    /// `create <file>`: starts a transient domain from an XML file.
    static let create = CommandDefinition(
        name: "create",
        summary: "create a domain from an XML file",
        description: "Create a domain.",
        options: [
            .file("file containing an XML domain description"),
            ConsoleAttach.option,
            .bool("paused", "leave the guest paused after creation"),
            .bool("autodestroy", "automatically destroy the guest when virsh disconnects"),
            PassedFiles.option,
            .bool("validate", "validate the XML against the schema"),
            .bool("reset-nvram", "re-initialize NVRAM from its pristine template"),
        ]
    ) { context throws(CommandFailure) in
        guard let path = try context.string("file") else { throw CommandFailure() }
        let bytes = try context.require(TextFile.domainXML(of: path))
        let files = try PassedFiles.descriptors(context)
        var flags: DomainCreateFlags = []
        if context.flag("paused") { flags.insert(.paused) }
        if context.flag("autodestroy") { flags.insert(.autodestroy) }
        if context.flag("validate") { flags.insert(.validate) }
        if context.flag("reset-nvram") { flags.insert(.resetNVRAM) }
        let connection = try context.connection
        let domain = try await context.require("Failed to create domain from \(path)") { () async throws(VirtError) in
            let xml = try DomainXMLInput.text(bytes)
            return files.isEmpty
                ? try await connection.createDomain(xml: xml, flags: flags)
                : try await connection.createDomain(xml: xml, passing: files, flags: flags)
        }
        context.printExtra("Domain '\(domain.name)' created from \(path)\n")
        // Unlike start, create succeeds whatever becomes of the console (virsh ignores its result).
        if context.flag("console") { try? await ConsoleAttach.attach(domain, context) }
    }
}
