import Testing
import VirtOS

/// /proc/net/dev as the kernel writes it: two header lines, then "name: 8 receive counters 8 transmit".
@Suite struct NetDeviceCountersTests {
    static let sample = """
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo:  123456     789    0    0    0     0          0         0   123456     789    0    0    0     0       0          0
        vnet12: 1000 10 1 2 0 0 0 0 2000 20 3 4 0 0 0 0
        """

    @Test("a device's receive and transmit counters, by name; none for an unknown name")
    func parse() {
        let tap = NetDeviceCounters.parse(Self.sample, device: "vnet12")
        #expect(tap == NetDeviceCounters(
            receivedBytes: 1000, receivedPackets: 10, receiveErrors: 1, receiveDrops: 2,
            transmittedBytes: 2000, transmittedPackets: 20, transmitErrors: 3, transmitDrops: 4))
        #expect(NetDeviceCounters.parse(Self.sample, device: "lo")?.receivedBytes == 123_456)
        #expect(NetDeviceCounters.parse(Self.sample, device: "vnet1") == nil, "a prefix of a name is not the name")
        #expect(NetDeviceCounters.parse(Self.sample, device: "eth0") == nil)
    }
}
