@_exported public import VirtModel
public import VirtDriver
import VirtQEMU
import VirtTestDriver
import VirtXen

/// The drivers a connection may be opened with, in probe order. ``builtin`` holds every driver SwiftVirt
/// ships; tests and embedders can pass their own list.
public struct DriverRegistry: Sendable {
    public var drivers: [ConnectDriver]

    public init(_ drivers: [ConnectDriver]) {
        self.drivers = drivers
    }

    /// Every built-in driver: test:///, qemu:/// and xen:/// (which loads libxenlight only when opened).
    /// In a Xen dom0 the default URI is xen:///system, as with libvirt.
    public static let builtin = DriverRegistry([
        TestDriverFactory.connectDriver,
        XenDriverFactory.connectDriver,
        QEMUDriverFactory.connectDriver,
    ])

    /// The drivers that serve `scheme`.
    func drivers(for scheme: String) -> [ConnectDriver] {
        drivers.filter { $0.uriSchemes.contains(scheme) }
    }

    /// The first default URI a driver offers on this host.
    func probe() -> String? {
        for driver in drivers {
            if let uri = driver.probe() { return uri }
        }
        return nil
    }
}
