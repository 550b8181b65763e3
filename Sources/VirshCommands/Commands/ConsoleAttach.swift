import Virt

/// Attaching this terminal to a domain's console (`cmdRunConsole`): `console`, and `start`/`create` with
/// `--console`.
enum ConsoleAttach {
    static let option = OptionDefinition.bool("console", "attach to console after creation")

    /// virsh's checks in virsh's order (the domain runs, input is a terminal), the banner, then the session
    /// until Ctrl-] (or `-e`'s character), the guest stopping, or a forced session taking over.
    static func attach(
        _ domain: Domain, _ context: CommandContext, device: String? = nil, flags: DomainConsoleFlags = []
    ) async throws(CommandFailure) {
        let state: DomainStateInfo
        do {
            state = try await context.state(of: domain)
        } catch {
            throw context.failure("Unable to get domain status")
        }
        if state.state == .shutoff { throw context.failure("The domain is not running") }
        if !context.session.standardInputIsTerminal {
            throw context.failure("Cannot run interactive console without a controlling TTY")
        }
        let escape = context.session.escapeSequence
        context.printExtra("Connected to domain '\(domain.name)'\n")
        context.printExtra("Escape character is \(escape)")
        if escape.hasPrefix("^"), let letter = escape.dropFirst().first { context.printExtra(" (Ctrl + \(letter))") }
        context.printExtra("\n")
        context.session.console.flush()

        let stream = try await context.require { () async throws(VirtError) in
            try await domain.openConsole(device: device, flags: flags)
        }
        defer { stream.close() }
        TerminalRelay(input: 0, output: context.session.console.outputDescriptor,
                      escape: TerminalRelay.escapeByte(escape)).run(stream)
    }
}
