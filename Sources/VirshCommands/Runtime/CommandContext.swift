import Virt

/// A command failed. What there was to say is already printed, or waits in the session's last error,
/// which the runner prints after the command (as `vshCommandRun` does).
public struct CommandFailure: Error {}

/// What a command's handler works with: the parsed options, the session, and the connection.
public struct CommandContext {
    let session: Session
    public let command: ParsedCommand
    let openConnection: Connection?

    init(session: Session, command: ParsedCommand, connection: Connection?) {
        self.session = session
        self.command = command
        self.openConnection = connection
    }

    /// The connection; only commands that declare `needsConnection` may ask for it.
    var connection: Connection {
        get throws(CommandFailure) {
            guard let openConnection else {
                session.console.error("no valid connection")
                throw CommandFailure()
            }
            return openConnection
        }
    }

    // MARK: output

    /// A result (`vshPrint`).
    func print(_ text: String) {
        session.console.print(text)
    }

    /// Writes what is buffered now (for output that streams, such as events).
    func flushOutput() {
        session.console.flush()
    }

    /// Information `-q` suppresses (`vshPrintExtra`).
    func printExtra(_ text: String) {
        session.console.printExtra(text)
    }

    /// An "error: ..." line now (`vshError`).
    func error(_ message: String) {
        session.console.error(message)
    }

    /// Text on standard error as is, for progress lines.
    func printToError(_ text: String) {
        session.console.printToError(text)
    }

    /// Prints `message` as an error and returns the failure to throw.
    func failure(_ message: String) -> CommandFailure {
        error(message)
        return CommandFailure()
    }

    // MARK: libvirt errors

    /// Remembers a libvirt error to report when the command ends (vsh's error handler).
    func record(_ error: VirtError) {
        session.lastError = error
    }

    /// Forgets the pending libvirt error (`vshResetLibvirtError`).
    func resetError() {
        session.lastError = nil
    }

    /// The pending libvirt error's code, if there is one.
    var lastErrorCode: ErrorCode? { session.lastError?.code }

    /// Runs a libvirt call; on failure remembers its error and returns nil.
    func attempt<T>(_ call: () async throws(VirtError) -> T) async -> T? {
        do {
            return try await call()
        } catch {
            record(error)
            return nil
        }
    }

    /// Runs a libvirt call that the command cannot do without: on failure remembers its error, prints
    /// `message` (virsh's own line, printed before libvirt's) and fails the command.
    @discardableResult
    func require<T>(
        _ message: String? = nil, _ call: () async throws(VirtError) -> T
    ) async throws(CommandFailure) -> T {
        do {
            return try await call()
        } catch {
            record(error)
            if let message { self.error(message) }
            throw CommandFailure()
        }
    }

    /// Unwraps the result of one of virsh's own helpers that fail with a libvirt error.
    func require<T>(_ result: Result<T, VirtError>) throws(CommandFailure) -> T {
        switch result {
        case .success(let value):
            return value
        case .failure(let error):
            record(error)
            throw CommandFailure()
        }
    }
}
