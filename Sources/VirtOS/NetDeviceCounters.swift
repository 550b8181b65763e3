/// A host network device's counters, as /proc/net/dev shows them (the host's view: receive is what came in).
public struct NetDeviceCounters: Sendable, Hashable {
    public var receivedBytes: Int64
    public var receivedPackets: Int64
    public var receiveErrors: Int64
    public var receiveDrops: Int64
    public var transmittedBytes: Int64
    public var transmittedPackets: Int64
    public var transmitErrors: Int64
    public var transmitDrops: Int64

    public init(
        receivedBytes: Int64, receivedPackets: Int64, receiveErrors: Int64, receiveDrops: Int64,
        transmittedBytes: Int64, transmittedPackets: Int64, transmitErrors: Int64, transmitDrops: Int64
    ) {
        self.receivedBytes = receivedBytes
        self.receivedPackets = receivedPackets
        self.receiveErrors = receiveErrors
        self.receiveDrops = receiveDrops
        self.transmittedBytes = transmittedBytes
        self.transmittedPackets = transmittedPackets
        self.transmitErrors = transmitErrors
        self.transmitDrops = transmitDrops
    }

    /// The counters of device `name`; nil when /proc/net/dev has no such device.
    public static func read(_ name: String) -> NetDeviceCounters? {
        guard let bytes = try? FileIO.read("/proc/net/dev", limit: 1 << 20) else { return nil }
        return parse(String(decoding: bytes, as: UTF8.self), device: name)
    }

    /// Finds `device` in the text of /proc/net/dev: "  name: rx_bytes packets errs drop fifo frame compressed
    /// multicast tx_bytes packets errs drop ...".
    public static func parse(_ text: String, device: String) -> NetDeviceCounters? {
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":"),
                  line[..<colon].split(separator: " ").last.map(String.init) == device else { continue }
            let numbers = line[line.index(after: colon)...].split(separator: " ").compactMap { Int64($0) }
            guard numbers.count >= 12 else { return nil }
            return NetDeviceCounters(
                receivedBytes: numbers[0], receivedPackets: numbers[1], receiveErrors: numbers[2], receiveDrops: numbers[3],
                transmittedBytes: numbers[8], transmittedPackets: numbers[9], transmitErrors: numbers[10],
                transmitDrops: numbers[11])
        }
        return nil
    }
}
