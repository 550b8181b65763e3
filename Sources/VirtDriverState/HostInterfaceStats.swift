import VirtDriver
import VirtOS
import VirtXML

/// `virDomainInterfaceStats` where a domain's interface has a device on the host (QEMU's tap, Xen's vif):
/// the device's counters in /proc/net/dev, as libvirt reads them for its QEMU and libxl drivers.
public enum HostInterfaceStats {
    /// The counters of the running domain's interface named `device` (its host-side name or its MAC).
    /// The host's side of a tap or vif receives what the guest sent, so the counters are turned round,
    /// errors and drops too, except for a macvtap (`direct`), which shares the guest's view.
    public static func read(_ definition: DomainDefinition, device: String) throws(VirtError) -> DomainInterfaceStats {
        let interface = try definition.devices.interface(named: device)
        guard interface.targetDev != nil else {
            throw VirtError(.internalError, .none, "Interface name not provided")
        }
        guard let counters = counters(of: interface) else {
            throw VirtError(.internalError, .none, "/proc/net/dev: Interface not found")
        }
        return counters
    }

    /// The guest's view of the interface's host-side device; nil when it has none or the host does not know it.
    public static func counters(of interface: Interface) -> DomainInterfaceStats? {
        guard let name = interface.targetDev, let host = NetDeviceCounters.read(name) else { return nil }
        return interface.type == .direct ? DomainInterfaceStats(sameViewAs: host) : DomainInterfaceStats(guestViewOf: host)
    }
}

extension DomainInterfaceStats {
    /// A tap's or vif's counters as the guest sees them: what the host's side received, the guest sent.
    public init(guestViewOf host: NetDeviceCounters) {
        self.init(
            receivedBytes: host.transmittedBytes, receivedPackets: host.transmittedPackets,
            receiveErrors: host.transmitErrors, receiveDrops: host.transmitDrops,
            transmittedBytes: host.receivedBytes, transmittedPackets: host.receivedPackets,
            transmitErrors: host.receiveErrors, transmitDrops: host.receiveDrops)
    }

    /// The counters of a device that shares the guest's view (a macvtap).
    init(sameViewAs host: NetDeviceCounters) {
        self.init(
            receivedBytes: host.receivedBytes, receivedPackets: host.receivedPackets,
            receiveErrors: host.receiveErrors, receiveDrops: host.receiveDrops,
            transmittedBytes: host.transmittedBytes, transmittedPackets: host.transmittedPackets,
            transmitErrors: host.transmitErrors, transmitDrops: host.transmitDrops)
    }
}
