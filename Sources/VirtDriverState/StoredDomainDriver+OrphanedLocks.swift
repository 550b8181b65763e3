import FoundationEssentials
import VirtOS

extension StoredDomainDriver {
    /// Removes the lock files of domains that are gone: a client killed while it held a new domain's lock
    /// (after a define or create took it, before the domain was recorded) leaves its `<uuid>.lock` behind,
    /// which nothing else would ever remove. Only a lock no one holds goes. A lock being taken meanwhile is
    /// safe (``FileLock/tryLock(_:)`` starts over on a file removed under it), and one removed for a domain
    /// recorded meanwhile is made again by the next call that needs it.
    public func removeOrphanedDomainLocks() async {
        let run = store.paths.run
        let free = Paths.contents(of: run).compactMap { file -> (path: String, uuid: String)? in
            guard file.hasSuffix(".lock"), UUID(uuidString: String(file.dropLast(".lock".count))) != nil else { return nil }
            let path = "\(run)/\(file)"
            return FileLock.isHeld(path) ? nil : (path, String(file.dropLast(".lock".count)))
        }
        guard !free.isEmpty, let records = try? await allRecords() else { return }
        let known = Set(records.map { $0.uuid.libvirtString })
        for lock in free where !known.contains(lock.uuid) {
            if let held = try? FileLock.tryLock(lock.path) { held.unlockRemovingFile() }
        }
    }
}
