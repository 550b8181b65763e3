import FoundationEssentials
import VirtDriver
import VirtDriverState
import VirtOS
import VirtXML

/// xen:/// : Xen domains managed from dom0 through libxenlight, without a daemon.
///
/// Xen knows which domains run; SwiftVirt's files (``XenStateStore``) hold their XML and what a daemon
/// would remember, so every process that opens xen:/// sees the same domains. Domains the toolstack must
/// tend after the guest acts (a guest that powered off stays in Xen until destroyed; a guest that rebooted
/// must be rebuilt) are tended on the next access by any process (``settle(name:held:)``). Every
/// change to a domain runs under its lock (``stateLock``). Domain-0 is listed with id 0, as libvirt
/// lists it; domains other toolstacks (xl) started are not SwiftVirt's and are not listed.
final class XenDriver: StoredDomainDriver {
    let uri: ConnectURI
    let store: XenStateStore
    let toolstack: any XenToolstack
    /// The host's event log for xen:///: every process's changes, for every subscriber.
    let events: HostEventLog
    /// Starts the watcher (`swiftvirt-watch xen:///system`); nil where there is no real Xen to watch (tests
    /// with a scripted toolstack).
    let watcher: WatcherLauncher?
    /// Where blkback's per-device statistics are (``XenBlockCounters``); tests point it at their own tree.
    let blockStatisticsRoot: String

    /// Domain-0: what the seed API's NULL domain stood for.
    var controlDomainID: Int32? { 0 }

    init(
        uri: ConnectURI, paths: XenPaths, toolstack: any XenToolstack, startsWatcher: Bool = false,
        blockStatisticsRoot: String = XenBlockCounters.statisticsRoot
    ) throws(VirtError) {
        self.uri = uri
        self.blockStatisticsRoot = blockStatisticsRoot
        self.store = XenStateStore(paths: paths)
        self.toolstack = toolstack
        self.events = HostEventLog(paths: paths)
        self.watcher = startsWatcher ? WatcherLauncher(uri: "xen:///system", paths: paths) : nil
        try paths.prepare()
    }

    var paths: XenPaths { store.paths }

    /// Changes to one domain, and name/UUID checks, across processes. An operation waits up to two minutes
    /// for another one on the same domain: a save or a reboot under nested TCG can take most of a minute.
    static let stateLock = DomainLock(errorDomain: .libxl, timeoutNanoseconds: 120_000_000_000)


    // MARK: finding domains

    /// The domain called `name` as the files and Xen say now; nil if there is none. A domain whose guest has
    /// stopped is tended on the way (``settle(name:held:)``), by the caller if it holds the domain's lock,
    /// otherwise when no other operation holds it.
    func record(named name: String) async throws(VirtError) -> XenDomainRecord? {
        if name == Domain0.name { return try await domain0() }
        guard store.isFileName(name) else { return nil }
        let persistent = store.persistentDefinition(named: name)
        var running: XenDomainRecord.Running?
        if let status = store.recordedStatus(named: name), status.saving != nil,
           try await finishAbandonedSave(status) {
            return try await record(named: name)
        }
        if let status = store.recordedStatus(named: name) {
            running = try await observe(status)
            if running != nil { ensureWatcher() }
        }
        guard let def = running?.definition ?? persistent else { return nil }
        return XenDomainRecord(name: name, uuid: def.uuid, persistent: persistent, running: running)
    }

    /// A save whose client died: finished or undone if the lock is ours or free now. Returns whether it was
    /// (so the domain is read again); a live save elsewhere holds the lock and is left alone.
    private func finishAbandonedSave(_ status: XenDomainStatus) async throws(VirtError) -> Bool {
        if DomainLock.isHeldByCurrentTask(status.uuid) {
            try await recoverInterruptedSave(status)
            return true
        }
        return await Self.stateLock.finishIfFree(store, uuid: status.uuid, name: status.name, what: "the unfinished save") {
            (_) async throws(VirtError) -> Bool in
            guard let again = store.recordedStatus(named: status.name), again.saving != nil else { return true }
            try await recoverInterruptedSave(again)
            return true
        }
    }

    func domain0() async throws(VirtError) -> XenDomainRecord {
        guard let info = try await toolstack.domain(0) else {
            throw VirtError(.internalError, .libxl, "unable to get Domain-0 information from libxenlight")
        }
        return Domain0.record(info: info, hostMemoryKiB: try await hostMemoryKiB())
    }

    func hostMemoryKiB() async throws(VirtError) -> UInt64 {
        let physical = try await toolstack.physicalInfo()
        return physical.totalPages * UInt64(try await pageSize()) / 1024
    }

    func pageSize() async throws(VirtError) -> Int {
        try await toolstack.versionInfo().pageSize
    }

    /// Domain-0 first, then every other domain by name.
    func allRecords() async throws(VirtError) -> [XenDomainRecord] {
        var records = [try await domain0()]
        for name in store.allNames() {
            if let record = try await record(named: name) { records.append(record) }
        }
        return records
    }

    /// Runs `body` holding the domain's lock, with the domain re-read (and tended) after the lock is taken:
    /// another process may have changed it while we waited.
    func withDomainLock<R>(
        _ ref: DomainRef, _ body: (XenDomainRecord, DomainLockHold) async throws(VirtError) -> R
    ) async throws(VirtError) -> R {
        try await Self.stateLock.withDomainLock(store, uuid: ref.uuid.libvirtString, name: ref.name) { (held) async throws(VirtError) -> R in
            try await body(try await record(ref), held)
        }
    }

    /// Holding the driver lock: name and UUID uniqueness checks.
    func withDriverLock<R>(_ body: () async throws(VirtError) -> R) async throws(VirtError) -> R {
        try await Self.stateLock.withLock(paths.driverLock, what: "the xen driver state", body)
    }

    /// Refuses what Domain-0 cannot do, with libvirt's message.
    static func refuseDomain0(_ record: XenDomainRecord) throws(VirtError) {
        if record.name == Domain0.name { throw Domain0.unsupported }
    }

    static func requireActive(_ record: XenDomainRecord) throws(VirtError) -> XenDomainRecord.Running {
        guard let running = record.running else {
            throw VirtError(.operationInvalid, .domain, "domain is not running")
        }
        return running
    }
}
