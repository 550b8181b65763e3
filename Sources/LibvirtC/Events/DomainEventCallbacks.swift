import CLibvirt
import FoundationEssentials
import Synchronization
import Virt

/// The domain-event callbacks C callers registered (virConnectDomainEventRegisterAny and the legacy
/// virConnectDomainEventRegister), for every connection.
///
/// A connection with callbacks has one listener: a task that follows ``Connection/events(domain:kinds:)``
/// and posts each event to the default event loop, which hands it to the connection's matching callbacks
/// in the order they were registered. So callbacks run on the loop's thread, one event after another in the
/// order the driver reported them, as with libvirt. The listener ends with the connection's last callback.
final class DomainEventCallbacks: Sendable {
    static let shared = DomainEventCallbacks()

    private struct Registration: @unchecked Sendable {
        // The callback and opaque pointer are the caller's, handed back untouched.
        let id: Int32
        let connection: ObjectIdentifier
        let eventID: Int32
        let domain: UUID?
        /// The caller's function, whatever its real type (`eventID` and `legacy` say which).
        let callback: virConnectDomainEventGenericCallback
        let legacy: Bool
        let opaque: UnsafeMutableRawPointer?
        let free: virFreeCallback?
        /// Deliveries in progress: a callback removed meanwhile is freed after the last.
        var delivering = 0
        var removed = false
    }

    private struct State: Sendable {
        var registrations: [Registration] = []
        /// libvirt numbers callbacks from 0, legacy ones included.
        var nextID: Int32 = 0
        var listeners: [ObjectIdentifier: Task<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    /// Registers a callback on `connection`; returns its id. The caller has checked the arguments and that
    /// the default event loop is registered.
    func register(
        on connection: ConnectHandle, entry: EntryPoint, eventID: Int32, domain: UUID?,
        callback: virConnectDomainEventGenericCallback, legacy: Bool, opaque: UnsafeMutableRawPointer?, free: virFreeCallback?
    ) throws(APIFailure) -> Int32 {
        let key = ObjectIdentifier(connection)
        // Checked and added under one lock, so two identical registrations at once cannot both get in; added
        // before the listener starts, so a deregistration meanwhile cannot end the listener under it.
        let id = state.withLock { state -> Int32? in
            let tracked = state.registrations.contains {
                $0.connection == key && !$0.removed && $0.eventID == eventID && $0.legacy == legacy && $0.domain == domain
                    && unsafeBitCast($0.callback, to: UnsafeRawPointer.self) == unsafeBitCast(callback, to: UnsafeRawPointer.self)
            }
            guard !tracked else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.registrations.append(Registration(
                id: id, connection: key, eventID: eventID, domain: domain, callback: callback, legacy: legacy,
                opaque: opaque, free: free))
            return id
        }
        guard let id else {
            throw APIFailure(error: VirtError(.invalidArg, .none, "event callback already tracked"), connection: connection)
        }
        guard state.withLock({ $0.listeners[key] == nil }) else { return id }
        let listener: Task<Void, Never>
        do throws(APIFailure) {
            listener = try entry.call(on: connection) { () async throws(VirtError) -> Task<Void, Never> in
                let events = try await connection.connection.events()
                return Task {
                    for await event in events {
                        ProcessEventLoop.post { DomainEventCallbacks.shared.deliver(event, on: connection) }
                    }
                }
            }
        } catch {
            // Never registered, as far as the caller knows: its free callback is not called.
            state.withLock { $0.registrations.removeAll { $0.id == id } }
            throw error
        }
        // Two first registrations at once: one listener stays.
        let kept = state.withLock { state -> Bool in
            guard state.listeners[key] == nil else { return false }
            state.listeners[key] = listener
            return true
        }
        if !kept { listener.cancel() }
        return id
    }

    /// Removes the callback `matching` picks on `connection`; false when there is none.
    func deregister(on connection: ConnectHandle, where matching: (Int32, Bool, UnsafeRawPointer) -> Bool) -> Bool {
        let key = ObjectIdentifier(connection)
        let (found, freed, listener) = state.withLock { state -> (Bool, FreeCall?, Task<Void, Never>?) in
            guard let index = state.registrations.firstIndex(where: {
                $0.connection == key && !$0.removed && matching($0.id, $0.legacy, unsafeBitCast($0.callback, to: UnsafeRawPointer.self))
            }) else { return (false, nil, nil) }
            state.registrations[index].removed = true
            let registration = state.registrations[index]
            var freed: FreeCall?
            if registration.delivering == 0 {
                state.registrations.remove(at: index)
                freed = FreeCall(free: registration.free, opaque: registration.opaque)
            }
            return (true, freed, Self.endListenerIfUnused(&state, key))
        }
        listener?.cancel()
        freed?.run()
        return found
    }

    /// The connection is closing: its callbacks go (their free callbacks are called) and its listener ends.
    func connectionClosed(_ connection: ConnectHandle) {
        let key = ObjectIdentifier(connection)
        let (freed, listener) = state.withLock { state -> ([FreeCall], Task<Void, Never>?) in
            var freed: [FreeCall] = []
            for index in state.registrations.indices where state.registrations[index].connection == key {
                state.registrations[index].removed = true
                if state.registrations[index].delivering == 0 {
                    freed.append(FreeCall(free: state.registrations[index].free, opaque: state.registrations[index].opaque))
                }
            }
            state.registrations.removeAll { $0.connection == key && $0.delivering == 0 }
            return (freed, Self.endListenerIfUnused(&state, key))
        }
        listener?.cancel()
        freed.forEach { $0.run() }
    }

    private static func endListenerIfUnused(_ state: inout State, _ key: ObjectIdentifier) -> Task<Void, Never>? {
        guard !state.registrations.contains(where: { $0.connection == key && !$0.removed }) else { return nil }
        return state.listeners.removeValue(forKey: key)
    }

    /// On the event loop's thread: `event` to each of the connection's callbacks that wants it, with a
    /// domain object that lives for the calls.
    private func deliver(_ event: DomainEvent, on connection: ConnectHandle) {
        let key = ObjectIdentifier(connection)
        let wanted = state.withLock { state -> [Registration] in
            var wanted: [Registration] = []
            for index in state.registrations.indices {
                let registration = state.registrations[index]
                guard registration.connection == key, !registration.removed, Self.wants(registration, event) else { continue }
                state.registrations[index].delivering += 1
                wanted.append(state.registrations[index])
            }
            return wanted
        }
        guard !wanted.isEmpty else { return }
        if let conn = connection.handle, connection.retain() {
            let dom = Handles.domains.insert { _ in DomainHandle(connection.connection.domain(event.domain), connection: connection) }
            for registration in wanted {
                // One removed by an earlier callback of this event is not called.
                let live = state.withLock { state in state.registrations.contains { $0.id == registration.id && !$0.removed } }
                if live { Self.call(registration, event, conn, dom) }
            }
            // A callback that kept the object (virDomainRef) keeps it alive.
            _ = Handles.releaseDomain(dom)
        }
        let freed = state.withLock { state -> [FreeCall] in
            var freed: [FreeCall] = []
            for registration in wanted {
                guard let index = state.registrations.firstIndex(where: { $0.id == registration.id }) else { continue }
                state.registrations[index].delivering -= 1
                if state.registrations[index].removed && state.registrations[index].delivering == 0 {
                    freed.append(FreeCall(free: registration.free, opaque: registration.opaque))
                    state.registrations.remove(at: index)
                }
            }
            return freed
        }
        freed.forEach { $0.run() }
    }

    private static func wants(_ registration: Registration, _ event: DomainEvent) -> Bool {
        if let domain = registration.domain, domain != event.domain.uuid { return false }
        if registration.legacy { return event.id == .lifecycle }
        return registration.eventID == event.id.rawValue
    }

    /// Calls the caller's function with the arguments its event kind has.
    private static func call(_ registration: Registration, _ event: DomainEvent, _ conn: OpaquePointer, _ dom: OpaquePointer) {
        switch event.body {
        case .lifecycle(let lifecycle):
            let callback = unsafeBitCast(registration.callback, to: virConnectDomainEventCallback.self)
            _ = callback(conn, dom, lifecycle.type.rawValue, lifecycle.detail, registration.opaque)
        case .reboot, .controlError:
            registration.callback(conn, dom, registration.opaque)
        case .balloonChange(let kibibytes):
            let callback = unsafeBitCast(registration.callback, to: virConnectDomainEventBalloonChangeCallback.self)
            callback(conn, dom, kibibytes, registration.opaque)
        case .resynchronized:
            break  // SwiftVirt's own; libvirt's callbacks have no such kind
        }
    }
}
