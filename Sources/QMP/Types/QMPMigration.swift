/// A migration's state (QAPI `MigrationStatus`). A struct so that newer states are kept.
public struct QMPMigrationStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static let none = QMPMigrationStatus(rawValue: "none")
    public static let setup = QMPMigrationStatus(rawValue: "setup")
    public static let active = QMPMigrationStatus(rawValue: "active")
    public static let device = QMPMigrationStatus(rawValue: "device")
    public static let preSwitchover = QMPMigrationStatus(rawValue: "pre-switchover")
    public static let postcopyActive = QMPMigrationStatus(rawValue: "postcopy-active")
    public static let cancelling = QMPMigrationStatus(rawValue: "cancelling")
    public static let cancelled = QMPMigrationStatus(rawValue: "cancelled")
    public static let completed = QMPMigrationStatus(rawValue: "completed")
    public static let failed = QMPMigrationStatus(rawValue: "failed")

    /// Whether the migration has ended, one way or the other.
    public var isFinished: Bool {
        self == .completed || self == .failed || self == .cancelled
    }
}

/// The parts of `query-migrate` a driver acts on.
public struct QMPMigrationInfo: Sendable, Hashable {
    /// `.none` when no migration has run on this QEMU.
    public let status: QMPMigrationStatus
    /// QEMU's reason when `status` is `.failed`.
    public let errorDescription: String?
    /// Milliseconds since the migration started (or its total, once finished).
    public let totalTimeMilliseconds: Int64?
    /// RAM bytes sent so far, still to send, and in all; `nil` before RAM transfer starts
    /// (and on the incoming side).
    public let ramTransferred: UInt64?
    public let ramRemaining: UInt64?
    public let ramTotal: UInt64?

    public init(
        status: QMPMigrationStatus,
        errorDescription: String? = nil,
        totalTimeMilliseconds: Int64? = nil,
        ramTransferred: UInt64? = nil,
        ramRemaining: UInt64? = nil,
        ramTotal: UInt64? = nil
    ) {
        self.status = status
        self.errorDescription = errorDescription
        self.totalTimeMilliseconds = totalTimeMilliseconds
        self.ramTransferred = ramTransferred
        self.ramRemaining = ramRemaining
        self.ramTotal = ramTotal
    }
}

extension QMPMigrationInfo {
    init(_ value: JSONValue) throws(QMPError) {
        let fields = QMPFields(value, context: "query-migrate")
        // Before any migration QEMU 7.2 answers `{}`: no status at all.
        status = try fields.optionalString("status").map(QMPMigrationStatus.init(rawValue:)) ?? .none
        errorDescription = try fields.optionalString("error-desc")
        totalTimeMilliseconds = try fields.optionalInt("total-time").map(Int64.init)
        let ram = try fields.optionalObject("ram")
        ramTransferred = try ram?.optionalUInt64("transferred")
        ramRemaining = try ram?.optionalUInt64("remaining")
        ramTotal = try ram?.optionalUInt64("total")
    }
}
