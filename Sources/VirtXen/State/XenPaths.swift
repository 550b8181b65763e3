import VirtDriver
import VirtOS

/// Where the xen:/// driver keeps its state. Xen itself knows which domains run; SwiftVirt keeps what Xen
/// does not: the domains' XML and the few facts a daemon would otherwise hold in memory. Every process
/// computes the same directories, which is how they all see one set of domains without a daemon.
///
/// - `config`: persistent definitions, `<name>.xml` (written durably and atomically).
/// - `run`: running domains: `<name>.xml` (live definition), `<name>.status` (Xen domid, UUID, reason,
///   pending reboot); per-domain locks `<uuid>.lock`, the driver lock; a domain's stop reason `<name>.stopped`.
/// - `log`: libxenlight's messages, `libxl-driver.log`.
struct XenPaths: Sendable, Hashable {
    var config: String
    var run: String
    var log: String

    /// xen:///system: SwiftVirt's system directories (root only, like dom0's toolstack).
    static let system = XenPaths(config: "/etc/swiftvirt/xen", run: "/run/swiftvirt/xen", log: "/var/log/swiftvirt/xen")

    /// Everything under `root` (tests).
    static func embedded(root: String) -> XenPaths {
        XenPaths(config: root + "/etc/xen", run: root + "/run/xen", log: root + "/log/xen")
    }

    func definition(_ name: String) -> String { "\(config)/\(name).xml" }
    func liveDefinition(_ name: String) -> String { "\(run)/\(name).xml" }
    func status(_ name: String) -> String { "\(run)/\(name).status" }
    func stopReason(_ name: String) -> String { "\(run)/\(name).stopped" }
    func startClaim(_ name: String) -> String { "\(run)/\(name).starting" }
    func domainLock(_ uuid: String) -> String { "\(run)/\(uuid).lock" }
    var driverLock: String { "\(run)/driver.lock" }
    var libxlLog: String { "\(log)/libxl-driver.log" }

    /// Creates the directories, private to root: definitions name kernels and disks of other domains.
    func create() throws(VirtError) {
        for directory in [config, run, log] {
            do {
                try Paths.makeDirectories(directory, mode: 0o700)
            } catch {
                throw VirtError.system(error.errno, "cannot create directory '\(directory)'", domain: .libxl)
            }
        }
    }
}
