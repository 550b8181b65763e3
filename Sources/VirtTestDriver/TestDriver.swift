import FoundationEssentials
import Synchronization
import VirtDriver
import VirtXML

/// A test:/// store: one test host behind a lock. Every operation is a short critical section; nothing here
/// waits, so the lock is a plain mutex.
final class TestStore: Sendable {
    let host: Mutex<TestHost>
    /// The lifecycle events of this store's domains, for every connection that shares it.
    let events = DomainEventBus()

    init(_ host: TestHost) {
        self.host = Mutex(host)
    }
}

/// libvirt's test driver: a deterministic, in-memory hypervisor with libvirt 9.0's semantics, state machine,
/// error codes and messages. One `TestDriver` per connection; connections to test:///default share a store.
/// Its queries never wait (the store is in memory), so it offers them synchronously too (`ImmediateQueries`).
final class TestDriver: HypervisorDriver, ImmediateQueries {
    let store: TestStore
    private let release: @Sendable () -> Void

    init(store: TestStore, release: @escaping @Sendable () -> Void = {}) {
        self.store = store
        self.release = release
    }

    /// The definition defaults of libvirt's test driver (default arch i686, its post-parse rules).
    static let definitionDefaults = DefinitionDefaults.libvirtTestDriver


    func connectClose() {
        release()
    }

    /// Runs `body` on the host under its lock, then publishes the events it recorded, still under the lock so
    /// every subscriber sees them in the order the changes happened.
    func withHost<R>(_ body: (inout TestHost) throws(VirtError) -> R) throws(VirtError) -> R {
        let events = store.events
        return try store.host.withLock { (host: inout TestHost) throws(VirtError) -> R in
            defer {
                for event in host.pendingEvents { events.publish(event) }
                host.pendingEvents.removeAll()
            }
            return try body(&host)
        }
    }

    func connectDomainEvents() async throws(VirtError) -> AsyncStream<DomainEvent> {
        store.events.subscribe()
    }

    /// Refuses flags outside `allowed`, worded as libvirt's virCheckFlags.
    static func checkFlags(_ raw: UInt32, allowed: UInt32, function: String) throws(VirtError) {
        try VirtError.checkFlags(raw, allowed: allowed, function: function, domain: .test)
    }

    /// Parses domain XML for this driver and gives interfaces without a host-side name one (testnetN).
    static func parseDefinition(_ xml: String, validate: Bool) throws(VirtError) -> DomainDefinition {
        if validate { try DomainSchema.shared.validate(xml: xml) }
        var def = try DomainDefinition(xml: xml, defaults: definitionDefaults)
        nameInterfaces(&def)
        return def
    }

    /// libvirt's test driver names every interface that has no `<target dev>` "testnetN", first free N.
    static func nameInterfaces(_ def: inout DomainDefinition) {
        var used = Set(def.devices.interfaces.compactMap(\.targetDev))
        var next = 0
        for index in def.devices.interfaces.indices where def.devices.interfaces[index].targetDev == nil {
            while used.contains("testnet\(next)") { next += 1 }
            def.devices.interfaces[index].targetDev = "testnet\(next)"
            used.insert("testnet\(next)")
        }
    }

    /// Wall-clock time in microseconds: libvirt's test driver reports CPU time from it.
    static func realTimeMicroseconds() -> UInt64 {
        UInt64(max(0, Date().timeIntervalSince1970 * 1_000_000))
    }
}
