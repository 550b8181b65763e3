import NIOCore
import VirtDriver
import VirtRPC

/// Domain events over the wire. The first subscriber registers this connection's callbacks with the
/// server (lifecycle and reboot): CALLBACK_REGISTER_ANY (316) when the server supports feature 14, else the
/// legacy REGISTER_ANY (167), as libvirt's client chooses. One task turns MESSAGE packets (318/319, or
/// 107/169) into DomainEvents on the connection's bus; the handler never waits for it.
extension RemoteDriver {
    static let forwardedEvents: [DomainEventID] = [.lifecycle, .reboot]

    public func connectDomainEvents() async throws(VirtError) -> AsyncStream<DomainEvent> {
        // Subscribe before registering, so no event between the two is lost.
        let stream = eventBus.subscribe()
        let registration = eventRegistration.withLock { current in
            if let current { return current }
            let task = Task { await self.registerEventCallbacks() }
            current = task
            return task
        }
        if let error = await registration.value {
            eventRegistration.withLock { $0 = nil }
            throw error
        }
        return stream
    }

    func registerEventCallbacks() async -> VirtError? {
        do throws(VirtError) {
            for id in Self.forwardedEvents {
                if features.eventCallback {
                    _ = try await call(.connectDomainEventCallbackRegisterAny,
                                       RemoteConnectDomainEventCallbackRegisterAnyArgs(eventID: id.rawValue, dom: nil),
                                       returning: RemoteConnectDomainEventCallbackRegisterAnyRet.self)
                } else {
                    try await call(.connectDomainEventRegisterAny, RemoteConnectDomainEventRegisterAnyArgs(eventID: id.rawValue))
                }
            }
            return nil
        } catch {
            return error
        }
    }

    /// Reads the session's MESSAGE packets for its life; when the socket ends and the connection keeps itself
    /// alive, starts reconnecting. Holds the driver weakly, so the driver can go away (and close the socket,
    /// which ends the stream and this task).
    func startEventRouting(for session: RemoteSession) {
        let messages = session.client.messages
        let bus = eventBus
        Task { [weak self] in
            for await packet in messages {
                guard let event = Self.domainEvent(from: packet) else { continue }
                self?.remember(event.domain)
                bus.publish(event)
            }
            self?.sessionEnded()
        }
    }

    /// Notes a domain this connection was told about, for the resynchronisation after a reconnect.
    func remember(_ domain: DomainRef) {
        guard reopen != nil else { return }
        knownDomains.withLock { $0[domain.uuid] = domain }
    }

    /// The DomainEvent a MESSAGE carries, or nil for one this driver does not forward (or cannot decode).
    static func domainEvent(from packet: RPCPacket) -> DomainEvent? {
        guard packet.header.program == RPCProgram.remote else { return nil }
        do {
            switch RemoteProcedure(rawValue: packet.header.procedure) {
            case .domainEventCallbackLifecycle:
                return lifecycle(try packet.decode(RemoteDomainEventCallbackLifecycleMsg.self).msg)
            case .domainEventLifecycle:
                return lifecycle(try packet.decode(RemoteDomainEventLifecycleMsg.self))
            case .domainEventCallbackReboot:
                return DomainEvent(try packet.decode(RemoteDomainEventCallbackRebootMsg.self).msg.dom.domainRef, .reboot)
            case .domainEventReboot:
                return DomainEvent(try packet.decode(RemoteDomainEventRebootMsg.self).dom.domainRef, .reboot)
            default:
                return nil
            }
        } catch {
            return nil
        }
    }

    private static func lifecycle(_ msg: RemoteDomainEventLifecycleMsg) -> DomainEvent {
        DomainEvent(msg.dom.domainRef, .lifecycle(DomainLifecycleEvent(DomainLifecycleEventType(rawValue: msg.event), detail: msg.detail)))
    }
}
