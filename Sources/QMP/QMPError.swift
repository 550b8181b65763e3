/// Everything that can go wrong talking QMP. Raw text from QEMU is kept for diagnosis.
///
/// Callers that need libvirt semantics map these once, at their module boundary
/// (the QEMU driver turns `commandFailed` into "unable to execute QEMU command …").
public enum QMPError: Error, Sendable, Hashable {
    /// The socket could not be opened or failed (connect, read or write), with the system's reason.
    case transport(String)
    /// QEMU sent well-formed JSON that breaks the protocol (a reply before the greeting, a message
    /// of no known kind, a reply without an id, an over-long line), with the offending line.
    case protocolViolation(String, line: String)
    /// A line that is not JSON, or a reply whose content does not have the shape the command
    /// returns, with the offending text.
    case decoding(String, line: String)
    /// QEMU answered the command with an error: its class (e.g. `GenericError`, `DeviceNotFound`)
    /// and its description, verbatim.
    case commandFailed(command: String, class: String, desc: String)
    /// The connection closed (QEMU exited, or `close()` was called) before the reply arrived,
    /// or the command was issued after that.
    case closed
    /// A deadline passed: connecting, negotiating, or waiting for a reply.
    case timeout(String)
    /// The calling task was cancelled while waiting. A command already sent may still run in QEMU.
    case cancelled
}

extension QMPError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .transport(let reason): "QMP transport error: \(reason)"
        case .protocolViolation(let reason, let line): "QMP protocol violation: \(reason): \(line)"
        case .decoding(let reason, let line): "cannot decode QMP message: \(reason): \(line)"
        case .commandFailed(let command, let errorClass, let desc):
            "QMP command '\(command)' failed: \(errorClass): \(desc)"
        case .closed: "QMP connection closed"
        case .timeout(let what): "QMP timeout: \(what)"
        case .cancelled: "QMP wait cancelled"
        }
    }
}
