/// QEMU's run state (QAPI `RunState`), as `query-status` reports it. A struct rather than an enum
/// so that states added by newer QEMUs are kept, not rejected.
public struct QMPRunState: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static let debug = QMPRunState(rawValue: "debug")
    public static let finishMigrate = QMPRunState(rawValue: "finish-migrate")
    public static let guestPanicked = QMPRunState(rawValue: "guest-panicked")
    public static let incomingMigration = QMPRunState(rawValue: "inmigrate")
    public static let internalError = QMPRunState(rawValue: "internal-error")
    public static let ioError = QMPRunState(rawValue: "io-error")
    public static let paused = QMPRunState(rawValue: "paused")
    public static let postMigrate = QMPRunState(rawValue: "postmigrate")
    public static let prelaunch = QMPRunState(rawValue: "prelaunch")
    public static let restoreVM = QMPRunState(rawValue: "restore-vm")
    public static let running = QMPRunState(rawValue: "running")
    public static let saveVM = QMPRunState(rawValue: "save-vm")
    public static let shutdown = QMPRunState(rawValue: "shutdown")
    public static let suspended = QMPRunState(rawValue: "suspended")
    public static let watchdog = QMPRunState(rawValue: "watchdog")
    public static let colo = QMPRunState(rawValue: "colo")
}

/// The reply of `query-status`.
public struct QMPStatus: Sendable, Hashable {
    public let status: QMPRunState
    /// Whether the vCPUs are running (true only for `running`).
    public let running: Bool

    public init(status: QMPRunState, running: Bool) {
        self.status = status
        self.running = running
    }
}

extension QMPStatus {
    init(_ value: JSONValue) throws(QMPError) {
        let fields = QMPFields(value, context: "query-status")
        status = QMPRunState(rawValue: try fields.string("status"))
        running = try fields.bool("running")
    }
}
