import Virt

extension Commands {
    /// `shutdown <domain> [--mode ...]`: asks the guest to power off.
    static let shutdown = CommandDefinition(
        name: "shutdown",
        summary: "gracefully shutdown a domain",
        description: "Run shutdown in the target domain.",
        options: [.domain(completing: .names(.active)), ShutdownMode.modeOption]
    ) { context throws(CommandFailure) in
        let flags = try ShutdownMode.flags(
            context, expected: "'acpi', 'agent', 'initctl', 'signal', or 'paravirt'")
        let (domain, given) = try await context.domain()
        try await context.require("Failed to shutdown domain '\(given)'") { () async throws(VirtError) in
            if flags.isEmpty {
                try await domain.shutdown()
            } else {
                try await domain.shutdown(flags: flags)
            }
        }
        context.printExtra("Domain '\(given)' is being shutdown\n")
    }
}
