public import FoundationEssentials
import VirtDriver
import VirtXML

/// One domain of a daemonless driver as its files (and its hypervisor) say it is right now: where it is in
/// its life (``StoredLifecycle``: its persistent definition if it is defined, what runs while it runs).
public protocol StoredDomain: Sendable {
    associatedtype Running: StoredRunning
    var name: String { get }
    var uuid: UUID { get }
    var lifecycle: StoredLifecycle<Running> { get }
    var ref: DomainRef { get }
    init(name: String, uuid: UUID, lifecycle: StoredLifecycle<Running>)
}

extension StoredDomain {
    /// nil when there is neither a definition nor a running instance: no domain.
    public init?(name: String, uuid: UUID, persistent: DomainDefinition?, running: Running?) {
        guard let lifecycle = StoredLifecycle(persistent: persistent, running: running) else { return nil }
        self.init(name: name, uuid: uuid, lifecycle: lifecycle)
    }
}

extension StoredDomain {
    public var persistent: DomainDefinition? { lifecycle.persistent }
    /// What runs; nil unless the domain runs.
    public var running: Running? { lifecycle.running }
    /// The live definition; nil unless the domain runs.
    public var liveDefinition: DomainDefinition? { running?.definition }
    public var isActive: Bool { running != nil }
    public var isPersistent: Bool { persistent != nil }
    /// The live definition while running, the persistent one otherwise.
    public var current: DomainDefinition { lifecycle.current }
}
