import Virt

extension Commands {
    /// `suspend <domain>`: pauses a running domain.
    static let suspend = CommandDefinition(
        name: "suspend",
        summary: "suspend a domain",
        description: "Suspend a running domain.",
        options: [.domain(completing: .names(.running))]
    ) { context throws(CommandFailure) in
        let (domain, given) = try await context.domain()
        try await context.require("Failed to suspend domain '\(given)'") { () async throws(VirtError) in
            try await domain.suspend()
        }
        context.printExtra("Domain '\(given)' suspended\n")
    }
}
