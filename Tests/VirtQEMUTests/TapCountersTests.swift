import Testing
import VirtDriver
import VirtOS
@testable import VirtQEMU

/// A tap's counters turned round: the host side receives what the guest sends.
@Suite struct TapCountersTests {
    @Test("the guest's receive is the host's transmit, and the reverse")
    func guestView() {
        let host = NetDeviceCounters(
            receivedBytes: 1, receivedPackets: 2, receiveErrors: 3, receiveDrops: 4,
            transmittedBytes: 5, transmittedPackets: 6, transmitErrors: 7, transmitDrops: 8)
        #expect(DomainInterfaceStats(guestViewOf: host) == DomainInterfaceStats(
            receivedBytes: 5, receivedPackets: 6, receiveErrors: 7, receiveDrops: 8,
            transmittedBytes: 1, transmittedPackets: 2, transmitErrors: 3, transmitDrops: 4))
    }
}
