import Testing

@testable import QMP

@Suite("QMPStateMachine")
struct QMPStateMachineTests {
    static let greeting = QMPGreeting(version: QMPVersion(major: 7, minor: 2, micro: 22), capabilities: ["oob"])

    private func negotiated() -> QMPStateMachine {
        var machine = QMPStateMachine()
        _ = machine.received(.greeting(Self.greeting))
        _ = machine.received(.success(id: 0, value: [:]))
        return machine
    }

    @Test("greeting, then qmp_capabilities, then ready")
    func negotiation() {
        var machine = QMPStateMachine()
        #expect(machine.state == .awaitingGreeting)
        #expect(machine.received(.greeting(Self.greeting)) == .sendCapabilities)
        #expect(machine.state == .negotiating(Self.greeting))
        #expect(machine.received(.success(id: 0, value: [:])) == .negotiated(Self.greeting))
        #expect(machine.state == .ready(Self.greeting))
    }

    @Test("anything before the greeting closes the connection")
    func beforeGreeting() {
        var machine = QMPStateMachine()
        guard case .closeConnection(.protocolViolation) = machine.received(.success(id: 1, value: [:])) else {
            Issue.record("expected a protocol violation")
            return
        }
    }

    @Test("a refused qmp_capabilities closes with the command failure")
    func refusedNegotiation() {
        var machine = QMPStateMachine()
        _ = machine.received(.greeting(Self.greeting))
        #expect(
            machine.received(.failure(id: 0, errorClass: "CommandNotFound", desc: "no"))
                == .closeConnection(.commandFailed(command: "qmp_capabilities", class: "CommandNotFound", desc: "no"))
        )
    }

    @Test("commands wait for negotiation and fail after close")
    func sendStates() {
        var machine = QMPStateMachine()
        guard case .fail(1, .protocolViolation) = machine.send(command: "stop", id: 1) else {
            Issue.record("a command before negotiation must fail")
            return
        }
        machine = negotiated()
        #expect(machine.send(command: "stop", id: 1) == .send)
        #expect(machine.close() == [1])
        #expect(machine.send(command: "cont", id: 2) == .fail(id: 2, error: .closed))
        #expect(machine.received(.success(id: 1, value: [:])) == .none)
    }

    @Test("replies are matched by id, in any order, with the command name on errors")
    func matching() {
        var machine = negotiated()
        _ = machine.send(command: "query-status", id: 1)
        _ = machine.send(command: "device_del", id: 2)
        #expect(
            machine.received(.failure(id: 2, errorClass: "DeviceNotFound", desc: "gone"))
                == .fail(id: 2, error: .commandFailed(command: "device_del", class: "DeviceNotFound", desc: "gone"))
        )
        #expect(machine.received(.success(id: 1, value: "ok")) == .succeed(id: 1, value: "ok"))
        #expect(machine.outstandingIDs.isEmpty)
    }

    @Test("a reply to an abandoned command is dropped; one without an id closes")
    func strayReplies() {
        var machine = negotiated()
        _ = machine.send(command: "stop", id: 1)
        let first = machine.abandon(id: 1)
        let second = machine.abandon(id: 1)
        #expect(first)
        #expect(!second)
        #expect(machine.received(.success(id: 1, value: [:])) == .none)
        guard case .closeConnection(.protocolViolation) = machine.received(.success(id: nil, value: [:])) else {
            Issue.record("an id-less reply must close")
            return
        }
        guard case .closeConnection(.protocolViolation) = machine.received(.success(id: "text", value: [:])) else {
            Issue.record("a non-numeric id must close")
            return
        }
    }

    @Test("events pass through in every open state; a second greeting is a violation")
    func events() {
        let event = QMPEvent(name: "STOP", timestamp: .init(seconds: 1, microseconds: 0))
        var machine = negotiated()
        #expect(machine.received(.event(event)) == .deliver(event))
        guard case .closeConnection(.protocolViolation) = machine.received(.greeting(Self.greeting)) else {
            Issue.record("a second greeting must close")
            return
        }
        _ = machine.close()
        #expect(machine.received(.event(event)) == .none)
    }

    @Test("close returns every outstanding id, the negotiation's included")
    func closeDuringNegotiation() {
        var machine = QMPStateMachine()
        _ = machine.received(.greeting(Self.greeting))
        #expect(machine.close() == [0])
        #expect(machine.state == .closed)
    }
}
