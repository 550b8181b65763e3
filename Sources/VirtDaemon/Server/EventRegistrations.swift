import FoundationEssentials
import VirtModel

/// One client's domain event callbacks, as the three generations of libvirt's registration procedures make
/// them: CALLBACK_REGISTER_ANY (316, one callback id per registration, optionally for one domain),
/// REGISTER_ANY (167, one per event id) and the oldest REGISTER (105, lifecycle only). Pure bookkeeping:
/// `DaemonClient` subscribes to the driver's events and asks which messages each event becomes.
struct EventRegistrations {
    enum Style: Hashable {
        /// Messages carry the callback id (procedures 318, 319, ...).
        case callback
        /// Messages without a callback id (procedures 107, 169, ...).
        case legacy
    }

    struct Registration: Equatable {
        var callbackID: Int32
        var eventID: DomainEventID
        var domain: UUID?
        var style: Style
    }

    private(set) var registrations: [Registration] = []

    var isEmpty: Bool { registrations.isEmpty }

    mutating func add(_ registration: Registration) {
        registrations.append(registration)
    }

    /// Removes a callback-style registration; false when the id is not one of this client's.
    mutating func removeCallback(_ callbackID: Int32) -> Bool {
        guard let index = registrations.firstIndex(where: { $0.callbackID == callbackID && $0.style == .callback }) else {
            return false
        }
        registrations.remove(at: index)
        return true
    }

    /// Removes the legacy registration for `eventID`; false when there is none.
    mutating func removeLegacy(_ eventID: DomainEventID) -> Bool {
        guard let index = registrations.firstIndex(where: { $0.eventID == eventID && $0.style == .legacy }) else {
            return false
        }
        registrations.remove(at: index)
        return true
    }

    func hasLegacy(_ eventID: DomainEventID) -> Bool {
        registrations.contains { $0.eventID == eventID && $0.style == .legacy }
    }

    /// The registrations an event reaches, in the order they were made (libvirtd's order of delivery).
    func matching(_ event: DomainEvent) -> [Registration] {
        registrations.filter { $0.eventID == event.id && ($0.domain == nil || $0.domain == event.domain.uuid) }
    }
}
