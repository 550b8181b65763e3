/// The protocol of one QMP connection, as pure state: greeting → capabilities negotiation →
/// commands and events → closed. It decides what each incoming message means and which
/// outstanding command it answers; `QMPChannelHandler` carries out the actions.
struct QMPStateMachine {
    enum State: Equatable {
        case awaitingGreeting
        case negotiating(QMPGreeting)
        case ready(QMPGreeting)
        case closed
    }

    enum Action: Equatable {
        case none
        /// Send `qmp_capabilities` with `negotiationID`.
        case sendCapabilities
        /// Negotiation succeeded; commands may flow.
        case negotiated(QMPGreeting)
        /// Write the command now.
        case send
        case succeed(id: UInt64, value: JSONValue)
        case fail(id: UInt64, error: QMPError)
        case deliver(QMPEvent)
        /// The stream can no longer be trusted: close the connection with this error.
        case closeConnection(QMPError)
    }

    /// The id of our own `qmp_capabilities`; callers' ids start at 1.
    static let negotiationID: UInt64 = 0

    private(set) var state: State = .awaitingGreeting
    /// Commands written and not yet answered: id → command name.
    private var outstanding: [UInt64: String] = [:]

    var outstandingIDs: Set<UInt64> { Set(outstanding.keys) }

    mutating func received(_ message: QMPMessage) -> Action {
        switch (state, message) {
        case (.closed, _):
            return .none
        case (.awaitingGreeting, .greeting(let greeting)):
            state = .negotiating(greeting)
            outstanding[Self.negotiationID] = "qmp_capabilities"
            return .sendCapabilities
        case (.awaitingGreeting, _):
            return .closeConnection(.protocolViolation("expected the QMP greeting first", line: Self.text(of: message)))
        case (.negotiating, .greeting), (.ready, .greeting):
            return .closeConnection(.protocolViolation("a second greeting", line: Self.text(of: message)))
        case (_, .event(let event)):
            return .deliver(event)
        case (.negotiating(let greeting), .success(let id, _)) where Self.number(id) == Self.negotiationID:
            outstanding[Self.negotiationID] = nil
            state = .ready(greeting)
            return .negotiated(greeting)
        case (.negotiating, .failure(let id, let errorClass, let desc)) where Self.number(id) == Self.negotiationID:
            return .closeConnection(.commandFailed(command: "qmp_capabilities", class: errorClass, desc: desc))
        case (.negotiating, _):
            return .closeConnection(
                .protocolViolation("a reply during negotiation that is not ours", line: Self.text(of: message))
            )
        case (.ready, .success(let id, let value)):
            return answer(id: id, message: message) { number, _ in .succeed(id: number, value: value) }
        case (.ready, .failure(let id, let errorClass, let desc)):
            return answer(id: id, message: message) { number, command in
                .fail(id: number, error: .commandFailed(command: command, class: errorClass, desc: desc))
            }
        }
    }

    /// A reply for a command we no longer wait for (timed out or cancelled) is dropped; a reply
    /// without an id means QEMU could not read a command of ours, so the stream is out of step.
    private mutating func answer(
        id: JSONValue?,
        message: QMPMessage,
        _ action: (UInt64, String) -> Action
    ) -> Action {
        guard let number = Self.number(id) else {
            return .closeConnection(.protocolViolation("a reply without a usable id", line: Self.text(of: message)))
        }
        guard let command = outstanding.removeValue(forKey: number) else { return .none }
        return action(number, command)
    }

    /// A caller wants to send `command` under `id`.
    mutating func send(command: String, id: UInt64) -> Action {
        switch state {
        case .ready:
            outstanding[id] = command
            return .send
        case .closed:
            return .fail(id: id, error: .closed)
        case .awaitingGreeting, .negotiating:
            return .fail(id: id, error: .protocolViolation("a command before negotiation finished", line: command))
        }
    }

    /// Stops waiting for `id`; returns whether it was still outstanding.
    mutating func abandon(id: UInt64) -> Bool {
        outstanding.removeValue(forKey: id) != nil
    }

    /// The connection is gone; returns the ids still waiting (they all fail).
    mutating func close() -> [UInt64] {
        state = .closed
        let ids = outstanding.keys.sorted()
        outstanding = [:]
        return ids
    }

    private static func number(_ id: JSONValue?) -> UInt64? {
        id?.uint64Value
    }

    private static func text(of message: QMPMessage) -> String {
        switch message {
        case .greeting(let greeting): "greeting from QEMU \(greeting.version)"
        case .success(let id, let value): JSONValue.object(["id": id ?? .null, "return": value]).description
        case .failure(let id, let errorClass, let desc):
            JSONValue.object(["id": id ?? .null, "error": ["class": .string(errorClass), "desc": .string(desc)]])
                .description
        case .event(let event): "event \(event.name)"
        }
    }
}
