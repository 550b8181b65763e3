/// One block backend's I/O counters from `query-blockstats` (its `stats` object; times in nanoseconds).
public struct QMPBlockStats: Sendable, Hashable {
    /// The backend's id (`device`: the `-drive id=`), empty for a node without one.
    public var device: String
    public var readBytes: UInt64
    public var writeBytes: UInt64
    public var readOperations: UInt64
    public var writeOperations: UInt64
    public var flushOperations: UInt64
    public var readTotalTimeNanoseconds: UInt64
    public var writeTotalTimeNanoseconds: UInt64
    public var flushTotalTimeNanoseconds: UInt64
    /// The highest offset written so far (`wr_highest_offset`): what libvirt reports as a disk's allocation.
    public var writeHighestOffset: UInt64

    /// No I/O yet: the sum of no backends.
    public init(device: String) {
        self.device = device
        (readBytes, writeBytes, readOperations, writeOperations, flushOperations) = (0, 0, 0, 0, 0)
        (readTotalTimeNanoseconds, writeTotalTimeNanoseconds, flushTotalTimeNanoseconds) = (0, 0, 0)
        writeHighestOffset = 0
    }

    init(_ entry: QMPFields) throws(QMPError) {
        device = try entry.optionalString("device") ?? ""
        let stats = try entry.object("stats")
        readBytes = try stats.uint64("rd_bytes")
        writeBytes = try stats.uint64("wr_bytes")
        readOperations = try stats.uint64("rd_operations")
        writeOperations = try stats.uint64("wr_operations")
        flushOperations = try stats.uint64("flush_operations")
        readTotalTimeNanoseconds = try stats.uint64("rd_total_time_ns")
        writeTotalTimeNanoseconds = try stats.uint64("wr_total_time_ns")
        flushTotalTimeNanoseconds = try stats.uint64("flush_total_time_ns")
        writeHighestOffset = try stats.optionalUInt64("wr_highest_offset") ?? 0
    }
}

/// What a virtio balloon's guest driver last reported (`qom-get` of its `guest-stats`): each `stat-*`
/// member that the guest filled (QEMU sends 2^64-1 for one it did not), and when, in seconds since the
/// epoch (0: never).
public struct QMPBalloonGuestStats: Sendable, Hashable {
    public var stats: [String: UInt64]
    public var lastUpdate: UInt64

    init(_ reply: JSONValue) throws(QMPError) {
        let fields = QMPFields(reply, context: "qom-get guest-stats")
        var stats: [String: UInt64] = [:]
        for (name, value) in try fields.object("stats").members {
            if let number = value.uint64Value, number != UInt64.max { stats[name] = number }
        }
        self.stats = stats
        lastUpdate = try fields.uint64("last-update")
    }
}
