import FoundationEssentials
import VirtDriver
import VirtDriverState
import VirtXML

/// One domain as the files say it is right now: its persistent definition (if defined) and, while its QEMU
/// lives, the status and live definition.
struct QEMUDomainRecord: StoredDomain {
    var name: String
    var uuid: UUID
    var lifecycle: StoredLifecycle<Running>

    struct Running: StoredRunning {
        var status: QEMUDomainStatus
        var definition: DomainDefinition
    }

    init(name: String, uuid: UUID, lifecycle: StoredLifecycle<Running>) {
        self.name = name
        self.uuid = uuid
        self.lifecycle = lifecycle
    }

    /// nil when there is neither a definition nor a running QEMU: no domain.
    init?(name: String, uuid: UUID, persistent: DomainDefinition?, running: Running?) {
        guard let lifecycle = StoredLifecycle(persistent: persistent, running: running) else { return nil }
        self.init(name: name, uuid: uuid, lifecycle: lifecycle)
    }

    var ref: DomainRef { DomainRef(name: name, uuid: uuid, id: running?.status.id ?? -1) }
    /// The domain once it has stopped, as its events name it.
    var stoppedRef: DomainRef { DomainRef(name: name, uuid: uuid, id: -1) }
}
