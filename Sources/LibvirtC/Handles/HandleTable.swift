import Synchronization

/// Maps the opaque pointers C callers hold to live Swift objects.
///
/// libvirt recognises its objects by their class before using them, so a stale or garbage pointer is
/// reported (VIR_ERR_INVALID_CONN / VIR_ERR_INVALID_DOMAIN) instead of crashing. Here a handle is never
/// a real address: it is a token from a range no allocation can occupy (non-canonical on 64-bit hosts),
/// never reused, and looked up in this table. A freed, forged or mistyped handle is simply not found.
final class HandleTable<Object: AnyObject & Sendable>: Sendable {
    private struct State {
        var objects: [UInt: Object] = [:]
        var nextSerial: UInt = 1
    }

    private let state = Mutex(State())
    private let base: UInt

    /// `base` keeps connections and domains in separate token ranges, so one is never taken for the other.
    init(base: UInt) {
        self.base = base
    }

    /// Registers the object `make` builds for its new handle (objects know their own handle), and returns
    /// the handle.
    func insert(_ make: (OpaquePointer) -> Object) -> OpaquePointer {
        state.withLock { state in
            let token = base &+ state.nextSerial &* 16
            state.nextSerial &+= 1
            guard let handle = OpaquePointer(bitPattern: token) else {
                preconditionFailure("handle tokens start above a non-zero base")
            }
            state.objects[token] = make(handle)
            return handle
        }
    }

    /// The live object behind `handle`, or nil for NULL, freed or unknown handles.
    func lookup(_ handle: OpaquePointer?) -> Object? {
        guard let handle else { return nil }
        let token = UInt(bitPattern: handle)
        return state.withLock { $0.objects[token] }
    }

    /// Every live object (for the seed's NULL-domain rule, which looks for the open xen:/// connection).
    var objects: [Object] {
        state.withLock { Array($0.objects.values) }
    }

    /// Forgets `handle`; returns the object if it was live.
    @discardableResult
    func remove(_ handle: OpaquePointer) -> Object? {
        let token = UInt(bitPattern: handle)
        return state.withLock { $0.objects.removeValue(forKey: token) }
    }
}

enum Handles {
    /// Open connections (`virConnectPtr`).
    static let connections = HandleTable<ConnectHandle>(base: 0x5EED_C000_0000_0000)
    /// Domain objects (`virDomainPtr`).
    static let domains = HandleTable<DomainHandle>(base: 0x5EED_D000_0000_0000)
    /// Streams (`virStreamPtr`).
    static let streams = HandleTable<StreamHandle>(base: 0x5EED_E000_0000_0000)
}
