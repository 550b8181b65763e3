import Virt

extension Commands {
    /// `save <domain> <file>`: writes a running domain's memory to a file and stops it.
    static let save = CommandDefinition(
        name: "save",
        summary: "save a domain state to a file",
        description: "Save the RAM state of a running domain.",
        options: [
            .domain(completing: .names(.active)),
            .data("file", "where to save the data"),
            .bool("bypass-cache", "avoid file system cache when saving"),
            .string("xml", "filename containing updated XML for the target"),
            .bool("running", "set domain to be running on restore"),
            .bool("paused", "set domain to be paused on restore"),
            .bool("verbose", "display the progress of save"),
        ]
    ) { context throws(CommandFailure) in
        // virsh looks the domain up twice (once to watch the job, once to save); a bad name fails at the first.
        let (domain, given) = try await context.domain()
        guard let path = try context.string("file") else { throw CommandFailure() }
        let flags = SaveImage.flags(context)
        let xml = try SaveImage.replacementXML(context)
        try await context.require("Failed to save domain '\(given)' to \(path)") { () async throws(VirtError) in
            if flags.isEmpty && xml == nil {
                try await domain.save(to: path)
            } else {
                try await domain.save(to: path, xml: xml, flags: flags)
            }
        }
        if context.flag("verbose") { context.printToError("\rSave: [100 %]") }
        context.printExtra("\nDomain '\(given)' saved to \(path)\n")
    }
}

/// What `save` and `restore` share: `--bypass-cache`/`--running`/`--paused` and the `--xml` file.
enum SaveImage {
    static func flags(_ context: CommandContext) -> DomainSaveRestoreFlags {
        var flags: DomainSaveRestoreFlags = []
        if context.flag("bypass-cache") { flags.insert(.bypassCache) }
        if context.flag("running") { flags.insert(.running) }
        if context.flag("paused") { flags.insert(.paused) }
        if context.flag("reset-nvram") { flags.insert(.resetNVRAM) }
        return flags
    }

    /// The contents of the `--xml` file, nil when not given.
    static func replacementXML(_ context: CommandContext) throws(CommandFailure) -> String? {
        guard let path = try context.string("xml") else { return nil }
        return try context.require(TextFile.contents(of: path))
    }
}
