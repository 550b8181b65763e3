import Virt

extension Commands {
    /// `domstate <domain> [--reason]`: "running", or "running (booted)".
    static let domstate = CommandDefinition(
        name: "domstate",
        summary: "domain state",
        description: "Returns state about a domain.",
        options: [
            .domain(),
            .bool("reason", "also print reason for the state"),
        ]
    ) { context throws(CommandFailure) in
        let (domain, _) = try await context.domain()
        let state = try await context.state(of: domain)
        if context.flag("reason") {
            context.print("\(StateText.state(state.state)) (\(StateText.reason(state)))\n")
        } else {
            context.print(StateText.state(state.state) + "\n")
        }
    }
}
