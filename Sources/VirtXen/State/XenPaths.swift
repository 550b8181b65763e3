import VirtDriver
import VirtDriverState

/// Where the xen:/// driver keeps its state (the layout of ``DomainStatePaths``). Xen itself knows which
/// domains run; SwiftVirt keeps what Xen does not: the domains' XML and the few facts a daemon would otherwise
/// hold in memory. A status (`<run>/<name>.status`) holds the Xen domid and UUID, reasons and a pending
/// reboot; `<run>/<name>.starting` claims a name while its domain is built; `log` holds libxenlight's
/// messages, `libxl-driver.log`.
struct XenPaths: DomainStatePaths, Hashable {
    var config: String
    var run: String
    var log: String

    /// xen:///system: SwiftVirt's system directories (root only, like dom0's toolstack).
    static let system = XenPaths(config: "/etc/swiftvirt/xen", run: "/run/swiftvirt/xen", log: "/var/log/swiftvirt/xen")

    /// Everything under `root` (tests).
    static func embedded(root: String) -> XenPaths {
        XenPaths(config: root + "/etc/xen", run: root + "/run/xen", log: root + "/log/xen")
    }

    var libxlLog: String { "\(log)/libxl-driver.log" }
    /// Held while libxenlight builds the domain (``XenDriver/reapOrphanedLaunch(named:holdingLock:)``).
    func launchMarker(_ name: String) -> String { "\(run)/\(DomainFileName.stem(name)).launching" }
}
