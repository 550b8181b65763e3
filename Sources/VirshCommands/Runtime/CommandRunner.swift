#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Virt

/// Runs parsed commands one after another (`vshCommandRun`).
///
/// Each command gets a connection first if it needs one. A failed command has its pending libvirt error
/// printed, and the run goes on with the next command; `quit`/`exit` end it. After each command virsh
/// prints an empty line (suppressed by `-q`), or the time taken with `-t`. The result is the last
/// command's.
struct CommandRunner {
    let session: Session

    func run(_ commands: [ParsedCommand]) async -> Bool {
        var succeeded = true
        for command in commands {
            let started = Self.now()
            succeeded = await runOne(command)
            let finished = Self.now()
            if !succeeded { session.reportError() }
            if command.name == "quit" || command.name == "exit" { return succeeded }
            if session.timing {
                let milliseconds = Double(finished - started) / 1000.0
                session.console.print("\n(Time: \(CFormat.fixed(milliseconds, digits: 3)) ms)\n\n")
            } else {
                session.console.printExtra("\n")
            }
        }
        return succeeded
    }

    private func runOne(_ command: ParsedCommand) async -> Bool {
        var connection: Connection? = nil
        if command.definition.needsConnection {
            guard let usable = await session.usableConnection() else { return false }
            connection = usable
        }
        let context = CommandContext(session: session, command: command, connection: connection)
        do {
            try await command.definition.run(context)
            return true
        } catch {
            return false
        }
    }

    /// Wall-clock microseconds, as `g_get_real_time`.
    private static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000
    }
}
