/// The interactive shell: a prompt, one line of commands at a time, until `quit` or the end of input. On a
/// terminal lines are edited (``LineEditor``) when libedit is installed; otherwise read as they come.
struct InteractiveShell {
    let session: Session
    let environment: [String: String]

    func run() async {
        let console = session.console
        let input = makeInput()
        defer { input.finish() }
        if !console.quiet {
            console.print("Welcome to virsh, the virtualization interactive terminal.\n\n")
            console.print("Type:  'help' for help with commands\n       'quit' to quit\n\n")
        }
        let runner = CommandRunner(session: session)
        let parser = CommandParser(table: session.table)
        repeat {
            if !input.domainCompletions.isEmpty { input.setDomainCandidates(await candidates(input.domainCompletions)) }
            guard let line = input.readLine(prompt: session.readOnly ? "virsh > " : "virsh # ") else { break }
            guard !line.isEmpty else { continue }
            var tokens = CommandStringTokens(line)
            var notes: [String] = []
            let commands: [ParsedCommand]
            do {
                commands = try parser.parse(&tokens, notes: &notes)
            } catch {
                for message in notes + error.messages { console.error(message) }
                continue
            }
            for message in notes { console.error(message) }
            _ = await runner.run(commands)
        } while session.interactive
        console.print("\n")
    }

    /// What Tab offers for each listing: the names (or UUIDs) of the connection's domains it admits; none
    /// before virsh has connected (completion never opens a connection) or when listing fails.
    private func candidates(_ completions: Set<DomainCompletion>) async -> [DomainCompletion: [String]] {
        guard let connection = session.connection else { return [:] }
        var candidates: [DomainCompletion: [String]] = [:]
        for completion in completions {
            switch completion {
            case .names(let filter):
                candidates[completion] = ((try? await connection.domains(filter)) ?? []).map(\.name).sorted()
            case .uuids:
                candidates[completion] = ((try? await connection.domains([])) ?? []).map(\.uuidString).sorted()
            }
        }
        return candidates
    }

    private func makeInput() -> any ShellInput {
        let console = session.console
        guard session.standardInputIsTerminal else { return LineReader(console: console, isTerminal: false) }
        if let editor = LineEditor(table: session.table, console: console, environment: environment) { return editor }
        return LineReader(console: console, isTerminal: true)
    }
}
