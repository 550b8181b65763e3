public import FoundationEssentials
import VirtDriver
import VirtXML

/// One domain of a daemonless driver as its files (and its hypervisor) say it is right now: its persistent
/// definition if it is defined, and its live definition while it runs.
public protocol StoredDomain: Sendable {
    var name: String { get }
    var uuid: UUID { get }
    var persistent: DomainDefinition? { get }
    /// The live definition; nil unless the domain runs.
    var liveDefinition: DomainDefinition? { get }
    var ref: DomainRef { get }
}

extension StoredDomain {
    public var isActive: Bool { liveDefinition != nil }
    public var isPersistent: Bool { persistent != nil }

    /// The live definition while running, the persistent one otherwise.
    public var current: DomainDefinition {
        if let liveDefinition { return liveDefinition }
        if let persistent { return persistent }
        preconditionFailure("a stored domain has a persistent or a live definition")
    }
}
