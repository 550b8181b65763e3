import Virt

extension Commands {
    /// `reboot <domain> [--mode ...]`: asks the guest to restart.
    static let reboot = CommandDefinition(
        name: "reboot",
        summary: "reboot a domain",
        description: "Run a reboot command in the target domain.",
        options: [.domain(completing: .names(.active)), ShutdownMode.modeOption]
    ) { context throws(CommandFailure) in
        let flags = try ShutdownMode.flags(
            context, expected: "'acpi', 'agent', 'initctl', 'signal' or 'paravirt'")
        let (domain, given) = try await context.domain()
        try await context.require("Failed to reboot domain '\(given)'") { () async throws(VirtError) in
            try await domain.reboot(flags: flags)
        }
        context.printExtra("Domain '\(given)' is being rebooted\n")
    }
}
