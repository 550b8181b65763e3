import FoundationEssentials
import VirtDriver
import VirtDriverState
import VirtXML

/// One domain as SwiftVirt's files and Xen say it is right now: its persistent definition (if defined)
/// and, while Xen runs it, the recorded status, the live definition and Xen's own view.
struct XenDomainRecord: StoredDomain {
    var name: String
    var uuid: UUID
    var lifecycle: StoredLifecycle<Running>

    struct Running: StoredRunning {
        var status: XenDomainStatus
        var definition: DomainDefinition
        var info: XenDomainInfo
    }


    /// Domain-0: the control domain this process runs in. It is always running and cannot be stopped.
    var isDomain0: Bool { running?.status.id == 0 }

    var ref: DomainRef {
        DomainRef(name: name, uuid: uuid, id: running.map { Int32(bitPattern: $0.status.id) } ?? -1)
    }

    /// The state with its reason, from Xen's view and the recorded reason.
    var stateInfo: DomainStateInfo {
        guard let running else { return .shutoff(.unknown) }
        let state = running.info.state
        switch state {
        case .running:
            return .running(RunningReason(rawValue: running.status.runningReason))
        case .paused:
            return .paused(PausedReason(rawValue: running.status.pausedReason))
        case .crashed:
            return .crashed(.panicked)
        default:
            return DomainStateInfo(state: state, reasonCode: 1)
        }
    }
}
