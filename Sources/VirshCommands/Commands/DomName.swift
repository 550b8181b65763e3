import Virt

extension Commands {
    /// `domname <domain>`: the name of the domain with this id or UUID.
    static let domname = CommandDefinition(
        name: "domname",
        summary: "convert a domain id or UUID to domain name",
        description: "",
        options: [.domain("domain id or uuid", completing: .uuids)]
    ) { context throws(CommandFailure) in
        let (domain, _) = try await context.domain(by: [.id, .uuid])
        context.print(domain.name + "\n")
    }
}
