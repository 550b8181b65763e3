/// An asynchronous event from QEMU, e.g. `STOP`, `RESUME`, `SHUTDOWN`, `BALLOON_CHANGE`,
/// `DEVICE_DELETED`, `MIGRATION`.
public struct QMPEvent: Sendable, Hashable {
    /// The event name, as QEMU spells it (upper case with underscores).
    public let name: String
    /// The event's `data` member; `.null` when the event carries none.
    public let data: JSONValue
    /// When QEMU emitted it (host wall clock).
    public let timestamp: Timestamp

    public struct Timestamp: Sendable, Hashable {
        public let seconds: Int64
        public let microseconds: Int64

        public init(seconds: Int64, microseconds: Int64) {
            self.seconds = seconds
            self.microseconds = microseconds
        }
    }

    public init(name: String, data: JSONValue = .null, timestamp: Timestamp) {
        self.name = name
        self.data = data
        self.timestamp = timestamp
    }
}

extension QMPEvent {
    init(name: JSONValue, members: [String: JSONValue], line: JSONValue) throws(QMPError) {
        guard let name = name.stringValue else {
            throw .protocolViolation("an event name must be a string", line: line.description)
        }
        // QEMU always sends a timestamp; a missing one is tolerated as zero, as it carries no meaning for us.
        let stamp = members["timestamp"]
        self.init(
            name: name,
            data: members["data"] ?? .null,
            timestamp: Timestamp(
                seconds: stamp?["seconds"]?.int64Value ?? 0,
                microseconds: stamp?["microseconds"]?.int64Value ?? 0
            )
        )
    }
}
