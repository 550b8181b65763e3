public import QMP

extension FakeQMPServer {
    /// One step of what the fake QEMU does on its connection, in order.
    public enum Step: Sendable {
        /// Reads the client's next command, which must be `command` (and, if given, carry exactly
        /// `arguments`), and answers it at once.
        case expect(_ command: String, arguments: [String: JSONValue]? = nil, reply: Reply = .success())
        /// Reads the client's next command, which must be `command`, and holds its answer until
        /// a later `.answer(command, …)`: this is how replies go out of order.
        case hold(_ command: String, arguments: [String: JSONValue]? = nil)
        /// Answers the held command `command`.
        case answer(_ command: String, reply: Reply = .success())
        /// Emits an event.
        case event(_ name: String, data: JSONValue = .null)
        /// Writes text exactly as given (malformed lines, partial lines, replies with odd ids).
        case raw(String)
        /// Waits before the next step.
        case pause(Duration)
        /// Closes the connection (what a QEMU that exits does).
        case close
    }

    /// How the fake answers a command.
    public enum Reply: Sendable {
        /// `{"return": value, "id": …}`
        case success(JSONValue = .object([:]))
        /// `{"error": {"class": …, "desc": …}, "id": …}`
        case failure(class: String, desc: String)
    }

    /// The greeting QEMU 7.2.22 of Debian 12 sends.
    public static let qemu72Greeting: JSONValue = [
        "QMP": [
            "version": [
                "qemu": ["major": 7, "minor": 2, "micro": 22],
                "package": "Debian 1:7.2+dfsg-7+deb12u18+b3",
            ],
            "capabilities": ["oob"],
        ]
    ]

    /// The fixed timestamp of scripted events (QMP events carry the host's wall clock).
    public static let eventTimestamp = QMPEvent.Timestamp(seconds: 1_700_000_000, microseconds: 250_000)
}

/// The script did not run as written.
public struct FakeQMPScriptFailure: Error, CustomStringConvertible {
    public let problems: [String]

    public var description: String { "FakeQMPServer: " + problems.joined(separator: "; ") }
}
