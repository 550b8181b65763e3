import Virt

extension Commands {
    /// `setmem <domain> <size>`: the memory the domain may use (the balloon target), by default live.
    static let setmem = CommandDefinition(
        name: "setmem",
        summary: "change memory allocation",
        description: "Change the current memory allocation in the guest domain.",
        options: MemorySize.options(help: "new memory size, as scaled integer (default KiB)")
    ) { context throws(CommandFailure) in
        // With none of --config/--live/--current virsh asks for the live value, unlike most commands.
        let anyChosen = context.flag("config") || context.flag("live") || context.flag("current")
        let flags = try context.modificationFlags(base: anyChosen ? .current : .live)
        let (domain, _) = try await context.domain()
        let kib = try MemorySize.kibibytes(context)
        try await context.require { () async throws(VirtError) in try await domain.setMemory(kib, flags: flags) }
    }
}

/// The `<size>` of `setmem`/`setmaxmem`: a scaled integer, KiB without a unit, rounded up to whole KiB.
enum MemorySize {
    static func options(help: String) -> [OptionDefinition] {
        [
            .domain(),
            .alias("kilobytes", for: "size"),
            .int("size", required: true, help),
            .affectConfig, .affectLive, .affectCurrent,
        ]
    }

    /// The size in KiB; the byte count may be at most `unsigned long`'s maximum, as the C API takes it.
    static func kibibytes(_ context: CommandContext) throws(CommandFailure) -> UInt64 {
        guard let bytes = try context.scaled("size", defaultScale: 1024, limit: UInt64.max) else {
            throw CommandFailure()
        }
        return bytes / 1024 + (bytes % 1024 == 0 ? 0 : 1)
    }
}
