import VirtDriver
import VirtDriverState

/// Where the xen:/// driver keeps its state (the layout of ``DomainStatePaths``). Xen itself knows which
/// domains run; SwiftVirt keeps what Xen does not: the domains' XML and the few facts a daemon would otherwise
/// hold in memory. A status (`<run>/status/<name>`) holds the Xen domid and UUID, reasons and a pending
/// reboot; `<run>/starting/<name>` claims a name while its domain is built, `<run>/launching/<name>` marks
/// it being built by libxenlight; `log` holds libxenlight's messages, `libxl-driver.log`.
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
    /// Held while libxenlight builds the domain (``XenDriver/reapOrphanedLaunch(named:)``).
    func launchMarker(_ name: String) -> String { "\(run)/launching/\(DomainFileName.stem(name))" }

    /// Creates the directories (``DomainStatePaths/createDirectories(errorDomain:runDirectories:)``) and
    /// moves the files of the layout used before December 2026.
    func prepare() throws(VirtError) {
        try createDirectories(errorDomain: .libxl, runDirectories: ["launching"])
        moveFlatRunFiles(runDirectories: ["launching"])
    }
}
