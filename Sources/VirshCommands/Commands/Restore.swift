import Virt

extension Commands {
    /// `restore <file>`: brings back a domain saved with `save`.
    static let restore = CommandDefinition(
        name: "restore",
        summary: "restore a domain from a saved state in a file",
        description: "Restore a domain.",
        options: [
            .data("file", "the state to restore"),
            .bool("bypass-cache", "avoid file system cache when restoring"),
            .string("xml", "filename containing updated XML for the target"),
            .bool("running", "restore domain into running state"),
            .bool("paused", "restore domain into paused state"),
            .bool("reset-nvram", "re-initialize NVRAM from its pristine template"),
        ]
    ) { context throws(CommandFailure) in
        guard let path = try context.string("file") else { throw CommandFailure() }
        let flags = SaveImage.flags(context)
        let xml = try SaveImage.replacementXML(context)
        let connection = try context.connection
        try await context.require("Failed to restore domain from \(path)") { () async throws(VirtError) in
            if flags.isEmpty && xml == nil {
                try await connection.restoreDomain(from: path)
            } else {
                try await connection.restoreDomain(from: path, xml: xml, flags: flags)
            }
        }
        context.printExtra("Domain restored from \(path)\n")
    }
}
