@_exported public import VirtModel
public import VirtDriver
import VirtQEMU
public import VirtRemote
import VirtTestDriver
import VirtXen

/// The drivers a connection may be opened with, in probe order. ``builtin`` holds every driver SwiftVirt
/// ships; tests and embedders can pass their own list.
public struct DriverRegistry: Sendable {
    public var drivers: [ConnectDriver]

    public init(_ drivers: [ConnectDriver]) {
        self.drivers = drivers
    }

    /// Every built-in driver: test:///, qemu:/// and xen:/// (which loads libxenlight only when opened), and
    /// the remote driver for URIs with a transport or a host. In a Xen dom0 the default URI is xen:///system,
    /// as with libvirt.
    public static let builtin = DriverRegistry([
        TestDriverFactory.connectDriver,
        XenDriverFactory.connectDriver,
        QEMUDriverFactory.connectDriver,
        RemoteDriverFactory.connectDriver,
    ])

    /// The built-in drivers with remote connections made with `remote` (keepalive, deadlines, and
    /// `reconnect`: a connection that keeps itself alive across daemon restarts, SwiftVirt's own):
    /// `Connection.open(uri, drivers: .builtin(remote: RemoteOptions(reconnect: ReconnectPolicy())))`.
    public static func builtin(remote: RemoteOptions) -> DriverRegistry {
        DriverRegistry(builtin.drivers.map { $0.name == "remote" ? RemoteDriverFactory.connectDriver(options: remote) : $0 })
    }

    /// The drivers that serve `scheme`.
    func drivers(for scheme: String) -> [ConnectDriver] {
        drivers.filter { $0.uriSchemes.contains(scheme) }
    }

    /// The drivers that serve `uri`: the remote driver for a URI with a transport or a host (as libvirt's
    /// remote driver claims them), the driver of its scheme otherwise.
    func drivers(for uri: ConnectURI) -> [ConnectDriver] {
        drivers(for: uri.isRemote ? RemoteDriverFactory.scheme : uri.driver)
    }

    /// The first default URI a driver offers on this host.
    func probe() -> String? {
        for driver in drivers {
            if let uri = driver.probe() { return uri }
        }
        return nil
    }
}

/// How remote connections behave (keepalive, deadlines, reconnecting), for ``DriverRegistry/builtin(remote:)``.
public typealias RemoteOptions = VirtRemote.RemoteOptions
/// How a remote connection that keeps itself alive tries again.
public typealias ReconnectPolicy = VirtRemote.ReconnectPolicy
