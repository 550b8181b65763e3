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



    var ref: DomainRef { DomainRef(name: name, uuid: uuid, id: running?.status.id ?? -1) }
    /// The domain once it has stopped, as its events name it.
    var stoppedRef: DomainRef { DomainRef(name: name, uuid: uuid, id: -1) }
}
