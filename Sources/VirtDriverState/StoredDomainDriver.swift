public import FoundationEssentials
public import VirtDriver
import VirtXML

/// A driver whose domains are files (``DomainStateStore``) plus what its hypervisor says: what such drivers
/// answer the same way is answered here, from their records. A driver supplies how it reads one domain
/// (``record(named:)``) and all of them (``allRecords()``); lookups, the defined list and the plain facts
/// of a domain follow.
public protocol StoredDomainDriver: HypervisorDriver {
    associatedtype Store: DomainStateStore
    associatedtype Record: StoredDomain

    var store: Store { get }
    /// The host's event log of this driver instance: every process's changes, for every subscriber.
    var events: HostEventLog { get }
    /// Starts the instance's watcher; nil where there is nothing real to watch (a scripted hypervisor).
    var watcher: WatcherLauncher? { get }
    /// The domain called `name` as the files and the hypervisor say now; nil if there is none (or the name
    /// cannot be a file name).
    func record(named name: String) async throws(VirtError) -> Record?
    /// Every domain, in the order the driver lists them.
    func allRecords() async throws(VirtError) -> [Record]
    /// Changes to one domain, and to the driver's names and UUIDs, across processes.
    static var stateLock: DomainLock { get }
    /// Runs `body` holding the driver lock: name and UUID checks (and id allocation, where ids are handed out).
    func withDriverLock<R>(_ body: () async throws(VirtError) -> R) async throws(VirtError) -> R
}

extension StoredDomainDriver {
    /// The domain a handle names: found by name and checked by UUID; if it was renamed, found by UUID under
    /// another name. Otherwise libvirt's "no domain" error.
    public func record(_ ref: DomainRef) async throws(VirtError) -> Record {
        try await record(ref, foundByName: try await record(named: ref.name))
    }

    /// ``record(_:)`` with the lookup by name already done (by a caller that reads it its own way).
    public func record(_ ref: DomainRef, foundByName: Record?) async throws(VirtError) -> Record {
        if let foundByName, foundByName.uuid == ref.uuid { return foundByName }
        for name in store.allNames() where name != ref.name {
            if let record = try await record(named: name), record.uuid == ref.uuid { return record }
        }
        throw VirtError(.noDomain, store.errorDomain, "no domain with matching uuid '\(ref.uuid.libvirtString)' (\(ref.name))")
    }

    // MARK: listing and lookups

    public func connectNumOfDomains() async throws(VirtError) -> Int {
        try await connectListDomains().count
    }

    public func connectNumOfDefinedDomains() async throws(VirtError) -> Int {
        try await connectListDefinedDomains().count
    }

    public func connectListDefinedDomains() async throws(VirtError) -> [String] {
        var names: [String] = []
        for name in store.persistentNames() {
            if let record = try await record(named: name), !record.isActive { names.append(name) }
        }
        return names.sorted()
    }

    public func domainLookupByName(_ name: String) async throws(VirtError) -> DomainRef {
        guard let record = try await record(named: name) else {
            throw VirtError(.noDomain, store.errorDomain, "no domain with matching name '\(name)'")
        }
        return record.ref
    }

    public func domainLookupByUUID(_ uuid: UUID) async throws(VirtError) -> DomainRef {
        for record in try await allRecords() where record.uuid == uuid { return record.ref }
        throw VirtError(.noDomain, store.errorDomain, "no domain with matching uuid '\(uuid.libvirtString)'")
    }

    // MARK: a domain's plain facts

    public func domainGetXMLDesc(_ ref: DomainRef, flags: DomainXMLFlags) async throws(VirtError) -> String {
        let record = try await record(ref)
        var format: DefinitionFormat = []
        if flags.contains(.secure) { format.insert(.secure) }
        if flags.contains(.inactive) {
            format.insert(.inactive)
            if let persistent = record.persistent { return persistent.xml(format) }
            // A transient domain's configuration is its live definition read as configuration, which drops
            // what the driver made up at start-up (host-side interface names such as vnet0 or vif3.0).
            return try store.parseDefinition(record.current.xml([]), live: false).xml(format)
        }
        return record.current.xml(format)
    }

    public func domainGetMaxMemory(_ ref: DomainRef) async throws(VirtError) -> UInt64 {
        try await record(ref).current.memory.totalKiB
    }

    public func domainIsActive(_ ref: DomainRef) async throws(VirtError) -> Bool {
        try await record(ref).isActive
    }

    public func domainIsPersistent(_ ref: DomainRef) async throws(VirtError) -> Bool {
        try await record(ref).isPersistent
    }

    /// Nothing starts domains at boot without a daemon.
    public func domainGetAutostart(_ ref: DomainRef) async throws(VirtError) -> Bool {
        _ = try await record(ref)
        return false
    }

    public func domainHasManagedSaveImage(_ ref: DomainRef) async throws(VirtError) -> Bool {
        _ = try await record(ref)
        return false
    }

    /// Domains run unlabelled: no security driver (SELinux, AppArmor) is implemented.
    public func domainGetSecurityLabel(_ ref: DomainRef) async throws(VirtError) -> SecurityLabel {
        _ = try await record(ref)
        return SecurityLabel(label: "", enforcing: false)
    }
}

// MARK: events and the watcher

extension StoredDomainDriver {
    /// Records an event for every subscriber on the host. Called while the change's lock is still held, so
    /// per domain the events are in the order of the changes.
    public func emit(_ domain: DomainRef, _ body: DomainEvent.Body) {
        events.append(DomainEvent(domain, body))
    }

    public func emit(_ domain: DomainRef, _ lifecycle: DomainLifecycleEvent) {
        emit(domain, .lifecycle(lifecycle))
    }

    /// Starts the watcher unless one runs (``WatcherLauncher``); `recheck` after a start and on subscribing.
    /// Returns whether a watcher runs or is on its way.
    @discardableResult
    public func ensureWatcher(recheck: Bool = false) -> Bool {
        watcher?.ensureRunning(recheck: recheck) ?? false
    }

    public func connectDomainEvents() async throws(VirtError) -> AsyncStream<DomainEvent> {
        // Guests acting by themselves produce events only while a watcher runs.
        if !store.runningNames().isEmpty { ensureWatcher(recheck: true) }
        return events.follow()
    }
}
