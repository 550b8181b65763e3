import FoundationEssentials
import VirtDriver
import VirtDriverState

/// What the driver records about a running domain in `<run>/<name>.status`: enough for any process to find
/// the QEMU process (and tell it from a later process with the same pid), its monitor and its state.
struct QEMUDomainStatus: DomainStatusRecord, Equatable {
    var name: String
    var uuid: String
    var id: Int32
    var pid: Int32
    /// The process's start time in clock ticks since boot (pid reuse guard).
    var startTime: UInt64
    var emulator: String
    var state: State
    var reason: Int32
    /// A reboot was asked for: when the guest powers off, reset it instead of stopping.
    var rebootPending: Bool = false
    /// The guest was asked to power off: if QEMU is found gone, it shut down rather than crashed.
    var shutdownRequested: Bool = false
    /// Tap devices created for bridge interfaces (removed when the domain stops).
    var taps: [String] = []

    enum State: String, Codable, Sendable {
        case running
        case paused
        /// The guest panicked and `<on_crash>preserve</on_crash>` keeps QEMU, paused, for inspection.
        case crashed
    }

    var domainState: DomainStateInfo {
        let domainState: DomainState = switch state {
        case .running: .running
        case .paused: .paused
        case .crashed: .crashed
        }
        return DomainStateInfo(domainState, reason: DomainStateReason(rawValue: reason))
    }
}
