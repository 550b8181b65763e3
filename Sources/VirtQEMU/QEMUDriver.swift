import FoundationEssentials
import VirtDriver
import VirtDriverState
import VirtOS
import VirtXML

/// qemu:/// : real virtual machines with QEMU (KVM when asked and usable, TCG otherwise), without a daemon.
///
/// All state lives on disk (``QEMUStateStore``), so any number of processes see one consistent set of
/// domains; a QEMU process outlives the client that started it; a domain whose QEMU died is shut off. Every
/// change to a domain runs under its lock (``stateLock``), and QEMU is driven over QMP
/// (``QEMUMonitor``), one short monitor session per operation.
final class QEMUDriver: StoredDomainDriver {
    let store: QEMUStateStore
    let uri: ConnectURI
    /// The host's event log for this driver instance: every process's changes, for every subscriber.
    let events: HostEventLog
    let watcher: WatcherLauncher?
    /// Opens a monitor session on a domain's socket (the real QMP client, or a fake in tests).
    let openMonitor: @Sendable (_ socketPath: String) async throws(VirtError) -> any QEMUMonitor

    init(
        uri: ConnectURI, paths: QEMUPaths,
        openMonitor: @escaping @Sendable (_ socketPath: String) async throws(VirtError) -> any QEMUMonitor
    ) throws(VirtError) {
        self.uri = uri
        self.store = QEMUStateStore(paths: paths, defaults: .qemu)
        self.events = HostEventLog(paths: paths)
        self.watcher = WatcherLauncher(uri: uri.description, paths: paths)
        self.openMonitor = openMonitor
        try paths.createDirectories(errorDomain: .qemu)
        moveFlatRunFiles()
    }

    var paths: QEMUPaths { store.paths }

    /// Changes to one domain, and name/UUID/id allocation, across processes. An operation waits a minute
    /// for another one on the same domain before giving up.
    static let stateLock = DomainLock(errorDomain: .qemu, timeoutNanoseconds: 60_000_000_000)


    // MARK: finding domains

    /// The domain called `name`, as the files say now; nil if there is none. A recorded QEMU that died is
    /// cleaned up on the way (the domain reads as shut off; a transient one is gone).
    func record(named name: String) async throws(VirtError) -> QEMUDomainRecord? {
        guard store.isFileName(name) else { return nil }
        let persistent = store.persistentDefinition(named: name)
        var running: QEMUDomainRecord.Running?
        if let recorded = store.recordedStatus(named: name) {
            if recorded.unfinished != nil, await finishAbandoned(named: name, uuid: recorded.uuid) {
                return try await record(named: name)
            }
            if let status = store.liveStatus(named: name),
               let live = liveDefinition(named: name, status: status, persistent: persistent) {
                running = .init(status: status, definition: live)
                ensureWatcher()
            } else {
                await reapDeadProcess(named: name)
                // Still recorded: another operation (or the watcher) holds the domain and is ending it. Until
                // it has, the domain reads as recorded, never as shut off with a reason not yet written (as
                // libvirt's state changes only once its stop is done).
                if let still = store.recordedStatus(named: name), still.pid == recorded.pid,
                   !DomainLock.isHeldByCurrentTask(still.uuid),
                   let live = liveDefinition(named: name, status: still, persistent: persistent) {
                    running = .init(status: still, definition: live)
                }
            }
        } else if Paths.exists(paths.status(name)), await rebuildStatus(named: name) {
            return try await record(named: name)
        }
        guard let def = running?.definition ?? persistent else { return nil }
        return QEMUDomainRecord(name: name, uuid: def.uuid, persistent: persistent, running: running)
    }

    /// An operation whose client died, seen by a reader: finished or undone now if nobody holds the domain's
    /// lock (a holder, including this process's own operation, deals with it itself). Returns whether it was.
    private func finishAbandoned(named name: String, uuid: String) async -> Bool {
        await Self.stateLock.finishIfFree(store, uuid: uuid, name: name, what: "the unfinished operation") {
            (_) async throws(VirtError) -> Bool in
            guard let status = store.liveStatus(named: name), status.unfinished != nil,
                  let live = try? store.liveDefinition(named: name), let uuid = UUID(libvirtString: status.uuid) else { return false }
            let running = QEMUDomainRecord.Running(status: status, definition: live)
            try await finishUnfinished(QEMUDomainRecord(
                name: name, uuid: uuid, lifecycle: .init(running: running, persistent: store.persistentDefinition(named: name))))
            return true
        }
    }

    func allRecords() async throws(VirtError) -> [QEMUDomainRecord] {
        var records: [QEMUDomainRecord] = []
        for name in store.allNames() {
            if let record = try await record(named: name) { records.append(record) }
        }
        return records
    }

    /// Runs `body` holding the domain's lock, with the domain re-read after the lock is taken (another process
    /// may have changed it while we waited).
    func withDomainLock<R>(
        _ ref: DomainRef, _ body: (QEMUDomainRecord) async throws(VirtError) -> R
    ) async throws(VirtError) -> R {
        try await Self.stateLock.withDomainLock(store, uuid: ref.uuid.libvirtString, name: ref.name) { (_) async throws(VirtError) -> R in
            var current = try await record(ref)
            if current.running?.status.unfinished != nil {
                try await finishUnfinished(current)
                current = try await record(ref)
            }
            if let status = current.running?.status, status.rebootPending, try await completePendingReboot(status) {
                current = try await record(ref)
            }
            return try await body(current)
        }
    }

    /// Holding the driver lock: name/UUID uniqueness checks and id allocation.
    func withDriverLock<R>(_ body: () async throws(VirtError) -> R) async throws(VirtError) -> R {
        try await Self.stateLock.withLock(paths.driverLock, what: "the qemu driver state", body)
    }
}
