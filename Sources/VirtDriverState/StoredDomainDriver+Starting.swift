import VirtDriver
import VirtOS
import VirtXML

/// The cross-process rules for names and UUIDs, and for starting a domain that need not be defined (create
/// from XML, restore), written once for every daemonless driver.
///
/// A name belongs to one UUID: checked under the driver lock against every defined and running domain, and
/// against the claim (`<run>/starting/<name>`, holding the UUID) of a domain being started by another
/// process. A claim counts only while its starter holds the domain's lock; one whose starter died is stale
/// and is removed by whoever next holds the driver lock (claims are only written under it, so no live claim
/// can be mistaken for a stale one).
extension StoredDomainDriver {
    /// Refuses a definition whose name or UUID belongs to another domain (libvirt's rules and messages),
    /// under the driver lock. Returns the existing record with the same UUID, if any.
    public func checkUnique(_ def: DomainDefinition) async throws(VirtError) -> Record? {
        let errorDomain = store.errorDomain
        if let byName = try await record(named: def.name), byName.uuid != def.uuid {
            throw VirtError(.operationFailed, errorDomain, "domain '\(def.name)' already exists with uuid \(byName.uuid.libvirtString)")
        }
        for record in try await allRecords() where record.uuid == def.uuid {
            guard record.name == def.name else {
                throw VirtError(.operationFailed, errorDomain, "domain '\(record.name)' is already defined with uuid \(def.uuid.libvirtString)")
            }
            return record
        }
        if let claim = startingClaim(named: def.name, removingStale: true), claim != def.uuid.libvirtString {
            throw VirtError(.operationFailed, errorDomain, "domain '\(def.name)' already exists with uuid \(claim)")
        }
        return nil
    }

    /// The UUID another process is starting under `name`, if a live start claims it. `removingStale` only
    /// while holding the driver lock.
    func startingClaim(named name: String, removingStale: Bool) -> String? {
        let path = store.paths.startClaim(name)
        guard let bytes = try? FileIO.read(path, limit: FileSizeLimit.record) else { return nil }
        let uuid = String(decoding: bytes, as: UTF8.self)
        if FileLock.isHeld(store.paths.domainLock(uuid)) { return uuid }
        if removingStale {
            try? Paths.remove(path)
            // The dead starter's lock file goes too, unless the domain it started exists after all.
            if let lock = try? FileLock.tryLock(store.paths.domainLock(uuid)) { store.paths.release(lock, domainNamed: name) }
        }
        return nil
    }

    /// Removes the claims of starters that died (kill -9 mid-start), if the driver lock is free now; the
    /// watcher calls this as it looks for orphaned launches.
    public func removeStaleStartClaims() {
        let run = store.paths.run
        let claimed = store.paths.names(in: "\(run)/starting")
        guard !claimed.isEmpty, let lock = try? FileLock.tryLock(store.paths.driverLock) else { return }
        defer { lock.unlock() }
        for name in claimed { _ = startingClaim(named: name, removingStale: true) }
    }

    /// Starts `def`, which need not be defined: under its domain lock, the name and UUID are checked and
    /// claimed under the driver lock (where `allocate` also runs: an id, for drivers that hand them out),
    /// then `launch` runs with the claim held; the claim goes when the launch ends, however it ends.
    public func startLive<Allocated, Started>(
        _ def: DomainDefinition,
        allocate: () throws(VirtError) -> Allocated,
        launch: (DomainDefinition, Allocated, DomainLockHold) async throws(VirtError) -> Started
    ) async throws(VirtError) -> Started {
        let store = self.store
        return try await Self.stateLock.withDomainLock(store, uuid: def.uuid.libvirtString, name: def.name) { (hold) async throws(VirtError) -> Started in
            let claim = store.paths.startClaim(def.name)
            let allocated = try await withDriverLock { () async throws(VirtError) -> Allocated in
                if let existing = try await checkUnique(def), existing.isActive {
                    throw VirtError(.operationInvalid, .domain, "domain '\(def.name)' is already active")
                }
                let allocated = try allocate()
                do throws(SystemCallError) {
                    try AtomicFile.write(claim, def.uuid.libvirtString, durable: false)
                } catch {
                    throw VirtError.system(error.errno, "cannot write '\(claim)'", domain: store.errorDomain)
                }
                return allocated
            }
            defer { try? Paths.remove(claim) }
            return try await launch(def, allocated, hold)
        }
    }
}
