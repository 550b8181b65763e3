import Virt

extension Commands {
    /// `destroy <domain>`: stops a domain at once, as pulling the plug.
    static let destroy = CommandDefinition(
        name: "destroy",
        summary: "destroy (stop) a domain",
        description: "Forcefully stop a given domain, but leave its resources intact.",
        options: [
            .domain(completing: .names(.active)),
            .bool("graceful", "terminate gracefully"),
            .bool("remove-logs", "remove domain logs"),
        ]
    ) { context throws(CommandFailure) in
        let (domain, given) = try await context.domain()
        var flags: DomainDestroyFlags = []
        if context.flag("graceful") { flags.insert(.graceful) }
        if context.flag("remove-logs") { flags.insert(.removeLogs) }
        try await context.require("Failed to destroy domain '\(given)'") { () async throws(VirtError) in
            if flags.isEmpty {
                try await domain.destroy()
            } else {
                try await domain.destroy(flags: flags)
            }
        }
        context.printExtra("Domain '\(given)' destroyed\n")
    }
}
