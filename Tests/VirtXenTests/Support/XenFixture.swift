import Foundation
import Virt
import VirtDriver
@testable import VirtXen

/// A xen:/// driver on an in-memory Xen (``FakeToolstack``) with its state under a private directory, opened
/// through the public API as an application would.
final class XenFixture: Sendable {
    let root: String
    let paths: XenPaths
    let xen = FakeToolstack()

    init() throws {
        root = NSTemporaryDirectory() + "swiftvirt-xen-\(UUID().uuidString.prefix(8))"
        paths = .embedded(root: root)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// A registry whose xen:/// is this fixture's driver (every open is a new "process" on the same state).
    var drivers: DriverRegistry {
        let paths = self.paths
        let xen = self.xen
        let blockStatisticsRoot = self.blockStatisticsRoot
        return DriverRegistry([
            ConnectDriver(name: "xen", uriSchemes: ["xen"]) { uri, _ throws(VirtError) in
                .opened(try XenDriver(uri: uri, paths: paths, toolstack: xen, blockStatisticsRoot: blockStatisticsRoot))
            },
        ])
    }

    /// The fixture's stand-in for /sys/bus/xen-backend/devices.
    var blockStatisticsRoot: String { root + "/xen-backend" }

    func open() async throws -> Connection {
        try await Connection.open("xen:///system", drivers: drivers)
    }

    /// The driver itself, for what only the driver offers (the watcher's steps, its operation table).
    func driver() throws -> XenDriver {
        try XenDriver(uri: try ConnectURI(parsing: "xen:///system"), paths: paths, toolstack: xen)
    }

    /// A PV guest's XML.
    static func pvXML(name: String = "pv1", uuid: String? = nil, extra: String = "", devices: String = "") -> String {
        """
        <domain type='xen'>
          <name>\(name)</name>
          \(uuid.map { "<uuid>\($0)</uuid>" } ?? "")
          <memory unit='MiB'>128</memory>
          <vcpu>2</vcpu>
          <os>
            <type>xen</type>
            <kernel>/scratch/vmlinux.gz</kernel>
            <initrd>/scratch/initrd.gz</initrd>
            <cmdline>console=hvc0</cmdline>
          </os>
          \(extra)
          <devices>\(devices)</devices>
        </domain>
        """
    }
}
