/// One IOThread (`query-iothreads`): its QOM id ("iothread1") and, where QEMU polls, its polling figures.
public struct QMPIOThread: Sendable, Hashable {
    public var id: String
    public var pollMaxNanoseconds: UInt64?
    public var pollGrow: UInt64?
    public var pollShrink: UInt64?

    init(_ entry: QMPFields) throws(QMPError) {
        id = try entry.string("id")
        pollMaxNanoseconds = try entry.optionalUInt64("poll-max-ns")
        pollGrow = try entry.optionalUInt64("poll-grow")
        pollShrink = try entry.optionalUInt64("poll-shrink")
    }
}
