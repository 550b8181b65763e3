import VirtDriver
import VirtDriverState
import VirtOS

/// A Xen domain whose builder died (kill -9 during create, start or restore) before it recorded it: while
/// libxenlight builds a domain, `<run>/<name>.launching` holds its UUID. Found with no status and nobody
/// holding the domain's lock, the builder is gone: the Xen domains of that UUID are destroyed, so what
/// SwiftVirt lists is what Xen runs and the name can be built again.
extension XenDriver {
    func writeLaunchMarker(_ name: String, uuid: String) throws(VirtError) {
        try store.write(paths.launchMarker(name), uuid, durable: false)
    }

    /// Called by a builder before it builds (holding its own domain's lock) and by the watcher. The marker's
    /// domain is tended under its own lock: the builder's if the marker is of its UUID, otherwise taken if
    /// free (a builder that died holds nothing; a live one is left alone). A marker beside a status is only
    /// left over (its builder died after recording the domain): it goes.
    func reapOrphanedLaunch(named name: String) async {
        guard let bytes = try? FileIO.read(paths.launchMarker(name), limit: FileSizeLimit.record) else { return }
        let uuid = String(decoding: bytes, as: UTF8.self)
        if DomainLock.isHeldByCurrentTask(uuid) {
            await reapLaunch(named: name, uuid: uuid, byItsBuilder: true)
            return
        }
        _ = try? await Self.stateLock.withDomainLockIfFree(store, uuid: uuid, name: name) { (_) async throws(VirtError) in
            await reapLaunch(named: name, uuid: uuid, byItsBuilder: false)
        }
    }

    /// Holding the lock of the marker's UUID: destroys what Xen has of that domain, unless it was recorded.
    private func reapLaunch(named name: String, uuid: String, byItsBuilder: Bool) async {
        guard store.recordedStatus(named: name) == nil else {
            if !byItsBuilder { try? Paths.remove(paths.launchMarker(name)) }
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
