import Virt

extension Commands {
    /// `domuuid <domain>`: the UUID of the domain with this name or id.
    static let domuuid = CommandDefinition(
        name: "domuuid",
        summary: "convert a domain name or id to domain UUID",
        description: "",
        options: [.domain("domain id or name")]
    ) { context throws(CommandFailure) in
        let (domain, _) = try await context.domain(by: [.name, .id])
        context.print(domain.uuidString + "\n")
    }
}
