import VirtDriver
import VirtOS

/// A Xen domain whose builder died (kill -9 during create, start or restore) before it recorded it: while
/// libxenlight builds a domain, `<run>/<name>.launching` holds its UUID. Found with no status and nobody
/// holding the domain's lock, the builder is gone: the Xen domains of that UUID are destroyed, so what
/// SwiftVirt lists is what Xen runs and the name can be built again.
extension XenDriver {
    func writeLaunchMarker(_ name: String, uuid: String) throws(VirtError) {
        try store.write(paths.launchMarker(name), uuid, durable: false)
    }

    /// Called by a builder (holding the lock) before it builds, and by the watcher (which takes the lock). A
    /// marker beside a status is only left over (its builder died after recording the domain): it goes.
    func reapOrphanedLaunch(named name: String, holdingLock: Bool) async {
        guard let bytes = try? FileIO.read(paths.launchMarker(name), limit: FileSizeLimit.record) else { return }
        let uuid = String(decoding: bytes, as: UTF8.self)
        var lock: FileLock?
        if !holdingLock {
            guard let taken = try? FileLock.tryLock(paths.domainLock(uuid)) else { return }
            lock = taken
        }
        defer { if let lock { paths.release(lock, domainNamed: name) } }
        guard store.recordedStatus(named: name) == nil else {
            if !holdingLock { try? Paths.remove(paths.launchMarker(name)) }
            return
        }
        func leftOver() async -> [XenDomainInfo]? {
            (try? await toolstack.domains())?.filter { $0.uuid.libvirtString == uuid.lowercased() }
        }
        for domain in await leftOver() ?? [] {
            do throws(VirtError) {
                try await toolstack.destroy(domain.id)
                Warnings.shared.record("destroyed Xen domain \(domain.id) of '\(name)', left by a start that did not finish")
            } catch {
                Warnings.shared.record("cannot destroy Xen domain \(domain.id) of '\(name)', left by a start that did not finish: \(error.message)")
            }
        }
        // The marker goes only once Xen has nothing of that domain left: until then every look tries again.
        if await leftOver()?.isEmpty == true { try? Paths.remove(paths.launchMarker(name)) }
    }
}
