#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Virt

/// virsh: reads its options, then runs the command string or command given, or an interactive shell
/// when there is none. Exit status 0 when the (last) command succeeded, 1 otherwise.
public enum Virsh {
    /// Runs virsh with `arguments` (without the program name) and returns its exit status.
    public static func main(arguments: [String]) async -> Int32 {
        Warnings.shared.echoToStandardError()
        let console = Console()
        defer { console.flush() }
        let table = CommandTable.virsh
        let options: GlobalOptions
        do {
            options = try GlobalOptions.parse(
                arguments,
                usage: { UsageText.usage(table) },
                versionText: UsageText.longVersion,
                warn: { console.error($0) }
            )
        } catch {
            switch error {
            case .output(let text):
                console.print(text)
                return 0
            case .failure(let message):
                console.error(message)
                return 1
            }
        }

        let session = Session(table: table, console: console, standardInputIsTerminal: isatty(0) == 1)
        defer { session.close() }
        console.quiet = options.quiet
        session.readOnly = options.readOnly
        session.timing = options.timing
        if let escape = options.escapeSequence { session.escapeSequence = escape }
        session.interactive = options.commandWords.isEmpty

        var commands: [ParsedCommand] = []
        if !session.interactive {
            guard let parsed = parse(options.commandWords, table: table, console: console) else { return 1 }
            commands = parsed
        }

        // A URI given with -c must work before anything runs; the default one is opened when first needed.
        session.connectName = options.connect
        if options.connect != nil {
            guard await session.reconnect(name: nil, readOnly: false) else {
                session.reportError()
                return 1
            }
        } else if let fallback = getenv("VIRSH_DEFAULT_CONNECT_URI") {
            session.connectName = String(cString: fallback)
        }

        if session.interactive {
            await InteractiveShell(session: session, environment: environment(["HOME", "XDG_CACHE_HOME"])).run()
            return 0
        }
        return await CommandRunner(session: session).run(commands) ? 0 : 1
    }

    private static func environment(_ names: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { values[name] = String(cString: value) }
        }
        return values
    }

    /// One word is a command string (quotes, ';'); several are one command and its arguments, taken as they are.
    private static func parse(_ words: [String], table: CommandTable, console: Console) -> [ParsedCommand]? {
        let parser = CommandParser(table: table)
        var notes: [String] = []
        do {
            let commands: [ParsedCommand]
            if words.count == 1 {
                guard let only = words.first, !only.isEmpty else { return nil }
                var tokens = CommandStringTokens(only)
                commands = try parser.parse(&tokens, notes: &notes)
            } else {
                var tokens = ArgumentTokens(words)
                commands = try parser.parse(&tokens, notes: &notes)
            }
            for message in notes { console.error(message) }
            return commands
        } catch {
            for message in notes + error.messages { console.error(message) }
            return nil
        }
    }
}
