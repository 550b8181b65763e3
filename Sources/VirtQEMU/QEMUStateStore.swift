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

    /// Forgets a stopped domain's run files; its QEMU has ended. The status goes last: a client killed midway
    /// leaves a status whose QEMU is dead, which the next reader reaps (and this finishes), never files
    /// without a status that nobody would remove.
    /// `uuid` names the QMP sockets (``QEMUPaths/processFiles(uuid:)``) when there is no status yet (a start that failed).
    func clearRunning(named name: String, uuid: String? = nil) {
        let processFiles = (uuid ?? recordedStatus(named: name)?.uuid).map(paths.processFiles) ?? []
        for path in [paths.liveDefinition(name), paths.pidFile(name)] + processFiles + [paths.status(name)] {
            try? Paths.remove(path)
        }
    }

    /// The next domain id (under the driver lock): ids grow and are never reused while the store exists.
    /// A counter that is missing, unreadable, corrupt ("-5") or used up starts again above every id in use,
    /// so a damaged file never hands out an id libvirt could not have (ids are positive).
    func allocateID() throws(VirtError) -> Int32 {
        let recorded = (try? readText(paths.idCounter)).flatMap { $0.flatMap { Int32($0.filter { !$0.isWhitespace }) } }
        let current = recorded.flatMap { (1..<Int32.max).contains($0) ? $0 : nil } ?? firstIDAboveRunningOnes()
        try write(paths.idCounter, "\(current + 1)\n", durable: false)
        return current
    }

    private func firstIDAboveRunningOnes() -> Int32 {
        let highest = runningNames().compactMap { recordedStatus(named: $0)?.id }.max() ?? 0
        return (0..<Int32.max - 1).contains(highest) ? highest + 1 : 1
    }
}
