import Virt

extension Commands {
    /// `setmaxmem <domain> <size>`: the most memory the domain may be given.
    static let setmaxmem = CommandDefinition(
        name: "setmaxmem",
        summary: "change maximum memory limit",
        description: "Change the maximum memory allocation limit in the guest domain.",
        options: MemorySize.options(help: "new maximum memory size, as scaled integer (default KiB)")
    ) { context throws(CommandFailure) in
        let flags = try context.modificationFlags()
        let (domain, _) = try await context.domain()
        let kib = try MemorySize.kibibytes(context)
        try await context.require("Unable to change MaxMemorySize") { () async throws(VirtError) in
            try await domain.setMemory(kib, flags: flags.union(.maximum))
        }
    }
}
