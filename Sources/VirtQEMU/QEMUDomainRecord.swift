import FoundationEssentials
import VirtDriver
import VirtXML

/// One domain as the files say it is right now: its persistent definition (if defined) and, while its QEMU
/// lives, the status and live definition.
struct QEMUDomainRecord: Sendable {
    var name: String
    var uuid: UUID
    var persistent: DomainDefinition?
    var running: Running?

    struct Running: Sendable {
        var status: QEMUDomainStatus
        var definition: DomainDefinition
    }

    var isActive: Bool { running != nil }
    var isPersistent: Bool { persistent != nil }

    /// The live definition while running, the persistent one otherwise.
    var current: DomainDefinition {
        if let running { return running.definition }
        if let persistent { return persistent }
        preconditionFailure("a domain record has a persistent or a live definition")
    }

    var ref: DomainRef { DomainRef(name: name, uuid: uuid, id: running?.status.id ?? -1) }
}
