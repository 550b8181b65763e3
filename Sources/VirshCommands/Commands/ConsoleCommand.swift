import Virt

extension Commands {
    /// `console <domain> [--devname <string>] [--force] [--safe]`: the guest's console on this terminal.
    static let console = CommandDefinition(
        name: "console",
        summary: "connect to the guest console",
        description: "Connect the virtual serial console for the guest",
        options: [
            .domain(completing: .names(.active)),
            .string("devname", "character device name"),
            .bool("force", "force console connection (disconnect already connected sessions)"),
            .bool("safe", "only connect if safe console handling is supported"),
        ]
    ) { context throws(CommandFailure) in
        let (domain, _) = try await context.domain()
        let device = try context.string("devname")
        var flags: DomainConsoleFlags = []
        if context.flag("force") { flags.insert(.force) }
        if context.flag("safe") { flags.insert(.safe) }
        try await ConsoleAttach.attach(domain, context, device: device, flags: flags)
    }
}
