import Virt

extension Commands {
    /// `domiflist <domain> [--inactive]`: the domain's interfaces as a table read from its XML (host-side
    /// name, type, source, model, MAC; "-" for what an interface has not).
    static let domiflist = CommandDefinition(
        name: "domiflist",
        summary: "list all domain virtual interfaces",
        description: "Get the summary of virtual interfaces for a domain.",
        options: [
            .domain(),
            .bool("inactive", "get inactive rather than running configuration"),
        ]
    ) { context throws(CommandFailure) in
        let xml = try await devicesXML(context)
        guard case .success(let interfaces) = xml.nodes("./devices/interface") else { throw CommandFailure() }
        var table = TextTable(header: ["Interface", "Type", "Source", "Model", "MAC"])
        for interface in interfaces {
            let source = xml.string(
                "string(./source/@bridge|./source/@dev|./source/@network|./source/@name|./source/@path)", at: interface)
            table.append([
                xml.string("string(./target/@dev)", at: interface) ?? "-",
                xml.string("string(./@type)", at: interface) ?? "",
                source ?? "-",
                xml.string("string(./model/@type)", at: interface) ?? "-",
                xml.string("string(./mac/@address)", at: interface) ?? "-",
            ])
        }
        context.print(table.render(header: !context.session.console.quiet))
    }

    /// The XML of the command's domain (inactive with `--inactive`), for the device lists (`virshDomainGetXML`).
    static func devicesXML(_ context: CommandContext) async throws(CommandFailure) -> XMLQuery {
        let (domain, _) = try await context.domain()
        return try await context.domainXML(domain, flags: context.flag("inactive") ? .inactive : [])
    }
}
