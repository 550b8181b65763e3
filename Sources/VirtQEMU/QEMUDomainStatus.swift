import FoundationEssentials
import VirtDriver
import VirtDriverState

/// What the driver records about a running domain in `<run>/status/<name>`: enough for any process to find
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
    /// An operation recorded before its point of no return: if its client dies midway, whoever next holds
    /// the domain's lock finishes or undoes it (``QEMUDriver/finishUnfinished(_:)``).
    var unfinished: UnfinishedOperation?

    enum UnfinishedOperation: Codable, Equatable, Sendable {
        case save(PendingSave)
        /// vCPUs being plugged or unplugged: the live definition's count is read back from QEMU.
        case vcpuChange
        /// QEMU being ended by destroy: found gone, the domain was destroyed (not crashed).
        case destroy
    }

    var saving: PendingSave? {
        get { if case .save(let save) = unfinished { save } else { nil } }
        set { unfinished = newValue.map { .save($0) } }
    }

    enum State: String, Codable, Sendable {
        case running
        case paused
        /// The guest panicked and `<on_crash>preserve</on_crash>` keeps QEMU, paused, for inspection.
        case crashed
    }

    /// QEMU's state with its reason, typed per state (the file keeps `state` and `reason`).
    enum RunState: Equatable, Sendable {
        case running(RunningReason)
        case paused(PausedReason)
        case crashed(CrashedReason)
    }

    var runState: RunState {
        get {
            switch state {
            case .running: .running(RunningReason(rawValue: reason))
            case .paused: .paused(PausedReason(rawValue: reason))
            case .crashed: .crashed(CrashedReason(rawValue: reason))
            }
        }
        set {
            switch newValue {
            case .running(let why): (state, reason) = (.running, why.rawValue)
            case .paused(let why): (state, reason) = (.paused, why.rawValue)
            case .crashed(let why): (state, reason) = (.crashed, why.rawValue)
            }
        }
    }

    var domainState: DomainStateInfo {
        switch runState {
        case .running(let why): .running(why)
        case .paused(let why): .paused(why)
        case .crashed(let why): .crashed(why)
        }
    }
}
