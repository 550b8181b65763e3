import Virt

/// One virsh run: the connection, the settings from the command line, and the libvirt error waiting to be
/// reported (vsh's `vshControl` with virsh's `virshControl`).
final class Session {
    let table: CommandTable
    let console: Console
    /// The open connection; nil before the first command that needs one, or after a failed `connect`.
    var connection: Connection?
    /// The URI to (re)connect to; nil means libvirt's default.
    var connectName: String?
    /// `-r` or `connect --readonly`: connect read-only.
    var readOnly = false
    /// In the interactive shell; `quit` ends it.
    var interactive = false
    /// `-t`: print how long each command took.
    var timing = false
    /// `-e`: the console escape sequence.
    var escapeSequence = "^]"
    /// Whether standard input is a terminal (`ctl->istty`).
    let standardInputIsTerminal: Bool
    /// The last libvirt error not yet reported (vsh's `last_error`).
    var lastError: VirtError?
    /// The driver lacks `virDomainGetState`; use `virDomainGetInfo` for states from now on.
    var stateFromInfo = false

    init(table: CommandTable, console: Console, standardInputIsTerminal: Bool) {
        self.table = table
        self.console = console
        self.standardInputIsTerminal = standardInputIsTerminal
    }

    /// Prints the pending libvirt error, if any, and forgets it (`vshReportError`).
    func reportError() {
        guard let error = lastError else { return }
        console.error(error.code == .ok ? "unknown error" : error.message)
        lastError = nil
    }

    /// (Re)opens the connection (`virshReconnect`). `name` nil reconnects to the current URI, keeping its
    /// read-only mode unless `readOnly` asks for it. Prints virsh's message when the connection fails.
    func reconnect(name: String?, readOnly requestedReadOnly: Bool) async -> Bool {
        let readOnly = requestedReadOnly || (name == nil && self.readOnly)
        if let connection {
            connection.close()
            self.connection = nil
        }
        do {
            let opened = try await Connection.open(name ?? connectName, readOnly: readOnly)
            connection = opened
            if let name { connectName = name }
            self.readOnly = readOnly
            stateFromInfo = false
            return true
        } catch {
            lastError = error
            console.error("failed to connect to the hypervisor")
            return false
        }
    }

    /// The connection a command runs on, connecting first if needed (`virshConnectionHandler`).
    func usableConnection() async -> Connection? {
        if connection == nil {
            guard await reconnect(name: nil, readOnly: false) else { return nil }
        }
        guard let connection else { return nil }
        lastError = nil
        return connection
    }

    /// Closes the connection at exit.
    func close() {
        connection?.close()
        connection = nil
    }
}
