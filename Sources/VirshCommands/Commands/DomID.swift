import Virt

extension Commands {
    /// `domid <domain>`: the running domain's id, "-" when it is not running.
    static let domid = CommandDefinition(
        name: "domid",
        summary: "convert a domain name or UUID to domain id",
        description: "",
        options: [.domain("domain name or uuid", completing: .names(.active))]
    ) { context throws(CommandFailure) in
        let (domain, _) = try await context.domain(by: [.name, .uuid])
        context.print(domain.id == -1 ? "-\n" : "\(domain.id)\n")
    }
}
