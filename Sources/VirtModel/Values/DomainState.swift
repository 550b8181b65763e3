/// A domain's state (`virDomainState`). Raw values are libvirt's; open, so a state a newer peer sends
/// arrives as itself (printed "no state", as virsh prints what it does not know).
public struct DomainState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let noState = DomainState(rawValue: 0)
    public static let running = DomainState(rawValue: 1)
    public static let blocked = DomainState(rawValue: 2)
    public static let paused = DomainState(rawValue: 3)
    public static let shutdown = DomainState(rawValue: 4)
    public static let shutoff = DomainState(rawValue: 5)
    public static let crashed = DomainState(rawValue: 6)
    public static let pmSuspended = DomainState(rawValue: 7)

    /// The states libvirt 9.0 knows.
    public static let known: [DomainState] = [.noState, .running, .blocked, .paused, .shutdown, .shutoff, .crashed, .pmSuspended]

    /// The word virsh prints ("running", "shut off", ...; "no state" for a state it does not know).
    public var description: String {
        switch self {
        case .running: "running"
        case .blocked: "idle"
        case .paused: "paused"
        case .shutdown: "in shutdown"
        case .shutoff: "shut off"
        case .crashed: "crashed"
        case .pmSuspended: "pmsuspended"
        default: "no state"
        }
    }

    /// Whether a domain in this state is active (has an id and a running instance).
    public var isActive: Bool { self != .shutoff && self != .noState }
}

/// Why a domain is in its state: each state has its own reason type (libvirt's `virDomainRunningReason`,
/// `virDomainPausedReason`, `virDomainShutoffReason`, ...), whose numbers overlap, so a running domain's
/// "booted" and a shut-off domain's "shutdown" (both 1) can never be mistaken for one another.
public protocol DomainStateReasonCode: RawRepresentable, Hashable, Sendable where RawValue == Int32 {
    init(rawValue: Int32)
}

extension DomainStateReasonCode {
    /// 0 in every state: no reason recorded.
    public static var unknown: Self { Self(rawValue: 0) }
}

/// `virDomainRunningReason`.
public struct RunningReason: DomainStateReasonCode {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let booted = Self(rawValue: 1)
    public static let migrated = Self(rawValue: 2)
    public static let restored = Self(rawValue: 3)
    public static let fromSnapshot = Self(rawValue: 4)
    public static let unpaused = Self(rawValue: 5)
    public static let migrationCanceled = Self(rawValue: 6)
    public static let saveCanceled = Self(rawValue: 7)
    public static let wakeup = Self(rawValue: 8)
    /// Running again after a crash (`<on_crash>restart</on_crash>`).
    public static let crashed = Self(rawValue: 9)
}

/// `virDomainPausedReason`.
public struct PausedReason: DomainStateReasonCode {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let user = Self(rawValue: 1)
    public static let migration = Self(rawValue: 2)
    public static let save = Self(rawValue: 3)
    public static let dump = Self(rawValue: 4)
    public static let ioError = Self(rawValue: 5)
    public static let watchdog = Self(rawValue: 6)
    public static let fromSnapshot = Self(rawValue: 7)
    public static let shuttingDown = Self(rawValue: 8)
    public static let snapshot = Self(rawValue: 9)
    public static let crashed = Self(rawValue: 10)
    public static let startingUp = Self(rawValue: 11)
}

/// `virDomainShutdownReason`.
public struct ShutdownReason: DomainStateReasonCode {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let user = Self(rawValue: 1)
}

/// `virDomainShutoffReason`.
public struct ShutoffReason: DomainStateReasonCode {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let shutdown = Self(rawValue: 1)
    public static let destroyed = Self(rawValue: 2)
    public static let crashed = Self(rawValue: 3)
    public static let migrated = Self(rawValue: 4)
    public static let saved = Self(rawValue: 5)
    public static let failed = Self(rawValue: 6)
    public static let fromSnapshot = Self(rawValue: 7)
    public static let daemon = Self(rawValue: 8)
}

/// `virDomainCrashedReason`.
public struct CrashedReason: DomainStateReasonCode {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let panicked = Self(rawValue: 1)
}

/// The reason of a state whose reasons SwiftVirt does not name (no state, blocked, pmsuspended, or one a
/// newer peer sends): its number as given.
public struct OtherStateReason: DomainStateReasonCode {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
}

/// A domain's state with its reason, as `virDomainGetState` returns them: each state carries its own
/// reason type.
public enum DomainStateInfo: Hashable, Sendable {
    case running(RunningReason)
    case paused(PausedReason)
    case shutdown(ShutdownReason)
    case shutoff(ShutoffReason)
    case crashed(CrashedReason)
    /// No state, blocked, pmsuspended, or a state a newer peer sends.
    case other(DomainState, OtherStateReason)

    /// From libvirt's numbers (the wire, a status file): total, whatever a peer sends.
    public init(state: DomainState, reasonCode: Int32) {
        switch state {
        case .running: self = .running(RunningReason(rawValue: reasonCode))
        case .paused: self = .paused(PausedReason(rawValue: reasonCode))
        case .shutdown: self = .shutdown(ShutdownReason(rawValue: reasonCode))
        case .shutoff: self = .shutoff(ShutoffReason(rawValue: reasonCode))
        case .crashed: self = .crashed(CrashedReason(rawValue: reasonCode))
        default: self = .other(state, OtherStateReason(rawValue: reasonCode))
        }
    }

    public var state: DomainState {
        switch self {
        case .running: .running
        case .paused: .paused
        case .shutdown: .shutdown
        case .shutoff: .shutoff
        case .crashed: .crashed
        case .other(let state, _): state
        }
    }

    /// The reason's number, as libvirt reports it beside the state.
    public var reasonCode: Int32 {
        switch self {
        case .running(let reason): reason.rawValue
        case .paused(let reason): reason.rawValue
        case .shutdown(let reason): reason.rawValue
        case .shutoff(let reason): reason.rawValue
        case .crashed(let reason): reason.rawValue
        case .other(_, let reason): reason.rawValue
        }
    }
}
