import FoundationEssentials
import VirtDriver
import VirtDriverState
import VirtOS
import VirtXML

/// The qemu:/// driver's state on disk (``DomainStateStore``), shared by every process that opens the same
/// URI, plus what only QEMU domains have: a process that must be alive, its pid file and monitor socket, and
/// domain ids handed out under the driver lock.
struct QEMUStateStore: DomainStateStore {
    typealias Status = QEMUDomainStatus

    let paths: QEMUPaths
    let defaults: DefinitionDefaults

    var errorDomain: ErrorDomain { .qemu }

    func parseDefinition(_ xml: String, live: Bool) throws(VirtError) -> DomainDefinition {
        try DomainDefinition(xml: xml, defaults: defaults, options: live ? .live : [])
    }

    /// The status of a domain whose QEMU process is alive; nil when it is not running (or its QEMU died).
    func liveStatus(named name: String) -> QEMUDomainStatus? {
        guard let status = recordedStatus(named: name),
              ProcessControl.isAlive(status.pid, startTime: status.startTime) else { return nil }
        return status
    }

    /// Forgets a stopped domain's run files (status first, so no reader sees a live status without its files).
    func clearRunning(named name: String) {
        for path in [paths.status(name), paths.liveDefinition(name), paths.pidFile(name), paths.monitor(name)] {
            try? Paths.remove(path)
        }
    }

    /// The next domain id (under the driver lock): ids grow and are never reused while the store exists.
    func allocateID() throws(VirtError) -> Int32 {
        let current = (try readText(paths.idCounter)).flatMap { Int32($0.filter { !$0.isWhitespace }) } ?? 1
        try write(paths.idCounter, "\(current + 1)\n", durable: false)
        return current
    }
}
