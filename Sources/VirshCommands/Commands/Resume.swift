import Virt

extension Commands {
    /// `resume <domain>`: lets a paused domain run again.
    static let resume = CommandDefinition(
        name: "resume",
        summary: "resume a domain",
        description: "Resume a previously suspended domain.",
        options: [.domain(completing: .names(.paused))]
    ) { context throws(CommandFailure) in
        let (domain, given) = try await context.domain()
        try await context.require("Failed to resume domain '\(given)'") { () async throws(VirtError) in
            try await domain.resume()
        }
        context.printExtra("Domain '\(given)' resumed\n")
    }
}
