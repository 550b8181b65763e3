/// A domain's state (`virDomainState`). Raw values are libvirt's.
public enum DomainState: Int32, Sendable, CaseIterable, CustomStringConvertible {
    case noState = 0
    case running = 1
    case blocked = 2
    case paused = 3
    case shutdown = 4
    case shutoff = 5
    case crashed = 6
    case pmSuspended = 7

    /// The word virsh prints ("running", "shut off", ...).
    public var description: String {
        switch self {
        case .noState: "no state"
        case .running: "running"
        case .blocked: "idle"
        case .paused: "paused"
        case .shutdown: "in shutdown"
        case .shutoff: "shut off"
        case .crashed: "crashed"
        case .pmSuspended: "pmsuspended"
        }
    }

    /// Whether a domain in this state is active (has an id and a running instance).
    public var isActive: Bool { self != .shutoff && self != .noState }
}

/// Why a domain is in its state: the per-state reason enums of libvirt (`virDomainRunningReason`,
/// `virDomainPausedReason`, `virDomainShutoffReason`, ...), which all share one integer space per state.
public struct DomainStateReason: RawRepresentable, Hashable, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let unknown = DomainStateReason(rawValue: 0)

    // running
    public static let booted = DomainStateReason(rawValue: 1)
    public static let migrated = DomainStateReason(rawValue: 2)
    public static let restored = DomainStateReason(rawValue: 3)
    public static let fromSnapshot = DomainStateReason(rawValue: 4)
    public static let unpaused = DomainStateReason(rawValue: 5)
    // paused
    public static let user = DomainStateReason(rawValue: 1)
    public static let save = DomainStateReason(rawValue: 3)
    public static let ioError = DomainStateReason(rawValue: 5)
    // shut off
    public static let shutdown = DomainStateReason(rawValue: 1)
    public static let destroyed = DomainStateReason(rawValue: 2)
    public static let crashed = DomainStateReason(rawValue: 3)
    public static let saved = DomainStateReason(rawValue: 5)
    public static let failed = DomainStateReason(rawValue: 6)
}

/// A domain's state with its reason, as `virDomainGetState` returns them.
public struct DomainStateInfo: Sendable, Hashable {
    public var state: DomainState
    public var reason: DomainStateReason

    public init(_ state: DomainState, reason: DomainStateReason = .unknown) {
        self.state = state
        self.reason = reason
    }
}
