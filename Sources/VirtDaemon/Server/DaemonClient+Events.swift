import NIOCore
import Virt
import VirtRPC

/// Domain events to the client: the first registration subscribes to the connection's events, each event
/// becomes one MESSAGE per matching registration (serial 1, as libvirtd sends them), and the subscription
/// ends with the last registration or the connection.
extension DaemonClient {
    func registerEvents(_ eventID: DomainEventID, domain: RemoteNonnullDomain?, style: EventRegistrations.Style) async throws(VirtError) -> Int32 {
        let connection = try connection()
        if let domain {
            _ = try await connection.domain(domain.domainRef).info()
        }
        if style == .legacy, events.withLock({ $0.registrations.hasLegacy(eventID) }) {
            throw VirtError(.internalError, .rpc, "domain event \(eventID.rawValue) already registered")
        }
        let needsSubscription = events.withLock { $0.subscription == nil }
        if needsSubscription {
            let stream = try await connection.events()
            let task = Task { [weak self] in
                for await event in stream {
                    guard let self else { return }
                    self.deliver(event)
                }
            }
            events.withLock { state in
                if state.subscription == nil { state.subscription = task } else { task.cancel() }
            }
        }
        let callbackID = host.nextCallbackID()
        events.withLock {
            $0.registrations.add(.init(callbackID: callbackID, eventID: eventID, domain: domain?.uuid.uuid, style: style))
        }
        return callbackID
    }

    func deregisterCallback(_ callbackID: Int32) throws(VirtError) {
        let removed = events.withLock { $0.registrations.removeCallback(callbackID) }
        guard removed else {
            throw VirtError(.invalidArg, .rpc, "event callback id \(callbackID) not registered")
        }
        stopSubscriptionIfUnused()
    }

    func deregisterLegacy(_ eventID: DomainEventID) throws(VirtError) {
        let removed = events.withLock { $0.registrations.removeLegacy(eventID) }
        guard removed else {
            throw VirtError(.internalError, .rpc, "domain event \(eventID.rawValue) not registered")
        }
        stopSubscriptionIfUnused()
    }

    private func stopSubscriptionIfUnused() {
        let task = events.withLock { state -> Task<Void, Never>? in
            guard state.registrations.isEmpty else { return nil }
            defer { state.subscription = nil }
            return state.subscription
        }
        task?.cancel()
    }

    func endEvents() {
        let task = events.withLock { state -> Task<Void, Never>? in
            state.registrations = EventRegistrations()
            defer { state.subscription = nil }
            return state.subscription
        }
        task?.cancel()
    }

    private func deliver(_ event: DomainEvent) {
        let targets = events.withLock { $0.registrations.matching(event) }
        for registration in targets {
            guard let (procedure, payload) = Self.message(for: event, registration) else { continue }
            sendMessage(RPCHeader.event(procedure), payload)
        }
    }

    /// The MESSAGE an event becomes for one registration, or nil for a kind not forwarded yet.
    static func message(for event: DomainEvent, _ registration: EventRegistrations.Registration) -> (RemoteProcedure, ByteBuffer)? {
        let dom = RemoteNonnullDomain(event.domain)
        var payload = ByteBuffer()
        let procedure: RemoteProcedure
        do {
            switch (event.body, registration.style) {
            case (.lifecycle(let lifecycle), .legacy):
                procedure = .domainEventLifecycle
                try XDR.encode(RemoteDomainEventLifecycleMsg(dom: dom, event: lifecycle.type.rawValue, detail: lifecycle.detail), into: &payload)
            case (.lifecycle(let lifecycle), .callback):
                procedure = .domainEventCallbackLifecycle
                let msg = RemoteDomainEventLifecycleMsg(dom: dom, event: lifecycle.type.rawValue, detail: lifecycle.detail)
                try XDR.encode(RemoteDomainEventCallbackLifecycleMsg(callbackID: registration.callbackID, msg: msg), into: &payload)
            case (.reboot, .legacy):
                procedure = .domainEventReboot
                try XDR.encode(RemoteDomainEventRebootMsg(dom: dom), into: &payload)
            case (.reboot, .callback):
                procedure = .domainEventCallbackReboot
                try XDR.encode(RemoteDomainEventCallbackRebootMsg(callbackID: registration.callbackID, msg: RemoteDomainEventRebootMsg(dom: dom)), into: &payload)
            case (.balloonChange, _), (.controlError, _), (.resynchronized, _):
                return nil
            }
        } catch {
            return nil
        }
        return (procedure, payload)
    }
}
