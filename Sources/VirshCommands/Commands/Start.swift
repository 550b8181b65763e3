import Virt

extension Commands {
    /// `start <domain>`: boots a defined, inactive domain.
    static let start = CommandDefinition(
        name: "start",
        summary: "start a (previously defined) inactive domain",
        description: """
            Start a domain, either from the last managedsave
                state, or via a fresh boot if no managedsave state
                is present.
            """,
        options: [
            .domain("name of the inactive domain", completing: .names(.shutoff)),
            ConsoleAttach.option,
            .bool("paused", "leave the guest paused after creation"),
            .bool("autodestroy", "automatically destroy the guest when virsh disconnects"),
            .bool("bypass-cache", "avoid file system cache when loading"),
            .bool("force-boot", "force fresh boot by discarding any managed save"),
            PassedFiles.option,
            .bool("reset-nvram", "re-initialize NVRAM from its pristine template"),
        ]
    ) { context throws(CommandFailure) in
        let (domain, _) = try await context.domain(by: [.name, .uuid])
        if domain.id != -1 { throw context.failure("Domain is already active") }
        let files = try PassedFiles.descriptors(context)
        var flags: DomainCreateFlags = []
        if context.flag("paused") { flags.insert(.paused) }
        if context.flag("autodestroy") { flags.insert(.autodestroy) }
        if context.flag("bypass-cache") { flags.insert(.bypassCache) }
        if context.flag("force-boot") { flags.insert(.forceBoot) }
        if context.flag("reset-nvram") { flags.insert(.resetNVRAM) }

        if try await !startForcingBoot(domain, files: files, flags: &flags, context) {
            try await context.require("Failed to start domain '\(domain.name)'") { () async throws(VirtError) in
                if !files.isEmpty {
                    try await domain.start(passing: files, flags: flags)
                } else if !flags.isEmpty {
                    try await domain.start(flags: flags)
                } else {
                    try await domain.start()
                }
            }
        }
        context.printExtra("Domain '\(domain.name)' started\n")
        if context.flag("console") { try await ConsoleAttach.attach(domain, context) }
    }

    /// `--force-boot`: start with the flag; a driver that refuses the flag gets the managed save image removed
    /// instead and a plain start. Returns whether the domain is already started.
    private static func startForcingBoot(
        _ domain: Domain, files: [Int32], flags: inout DomainCreateFlags, _ context: CommandContext
    ) async throws(CommandFailure) -> Bool {
        guard flags.contains(.forceBoot) else { return false }
        let chosen = flags
        let started = await context.attempt { () async throws(VirtError) -> Bool in
            if files.isEmpty {
                try await domain.start(flags: chosen)
            } else {
                try await domain.start(passing: files, flags: chosen)
            }
            return true
        }
        if started == true { return true }
        guard context.lastErrorCode == .noSupport || context.lastErrorCode == .invalidArg else {
            throw CommandFailure()
        }
        context.resetError()
        if await context.attempt({ () async throws(VirtError) in try await domain.hasManagedSaveImage() }) == true {
            try await context.require { () async throws(VirtError) in try await domain.removeManagedSaveImage() }
        }
        context.resetError()
        flags.remove(.forceBoot)
        return false
    }
}
