import FoundationEssentials
import VirtDriver
import VirtDriverState

/// What SwiftVirt records about a domain it started, in `<run>/status/<name>`: which Xen domain it is (id
/// and UUID, so a later domain that reuses the id is not mistaken for it) and what only a daemon would
/// otherwise remember.
struct XenDomainStatus: DomainStatusRecord, Equatable {
    var name: String
    var uuid: String
    /// Xen's domain id.
    var id: UInt32
    /// Why it runs, and why it is paused when Xen says it is (libvirt's reason numbers; a pause SwiftVirt
    /// did not make has reason 0, unknown).
    var runningReason: Int32
    var pausedReason: Int32 = 0
    /// A reboot was asked for: when the guest has shut down for it, rebuild the domain.
    var rebootPending: Bool = false
    /// The guest was asked to power off: if Xen is found without it, it shut down rather than vanished.
    var shutdownRequested: Bool = false
    /// A save under way (``XenDriver/recoverInterruptedSave(_:)`` finishes or undoes it if its client died).
    var saving: PendingSave?
    /// A destroy under way: if its client dies midway (Xen may keep the domain paused and nameless), whoever
    /// next holds the lock finishes it (``XenDriver/finishInterruptedDestroy(_:)``).
    var destroying: Bool?
    /// A restart under way (the domain is destroyed and built again) for a guest that stopped for this
    /// reason (libvirt's shutoff reason): if its restarter dies midway, whoever next holds the lock finishes
    /// it (``XenDriver/rebuild(_:definition:stillInXen:after:held:)``), so the guest is not lost with it.
    var restartingAfter: Int32?
}
