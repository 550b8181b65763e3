/// The interactive shell: a prompt, one line of commands at a time, until `quit` or the end of input.
///
/// Lines are read as GNU readline presents them: on a terminal the terminal echoes what is typed; with
/// input from a pipe or file the prompt is followed by the line itself, so a transcript reads as a session.
/// Line editing and history are not provided.
struct InteractiveShell {
    let session: Session
    let reader = LineReader()

    func run() async {
        let console = session.console
        if !console.quiet {
            console.print("Welcome to virsh, the virtualization interactive terminal.\n\n")
            console.print("Type:  'help' for help with commands\n       'quit' to quit\n\n")
        }
        let runner = CommandRunner(session: session)
        let parser = CommandParser(table: session.table)
        repeat {
            console.print(session.readOnly ? "virsh > " : "virsh # ")
            console.flush()
            guard let line = reader.readLine() else { break }
            if !session.standardInputIsTerminal { console.print(line + "\n") }
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
}
