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
    /// free (a builder that died holds nothing; a live one is left alone).
    func reapOrphanedLaunch(named name: String) async {
        guard let bytes = try? FileIO.read(paths.launchMarker(name), limit: FileSizeLimit.record) else { return }
        let uuid = String(decoding: bytes, as: UTF8.self)
        if DomainLock.isHeldByCurrentTask(uuid) {
            await reapLaunch(named: name, uuid: uuid)
            return
        }
        _ = try? await Self.stateLock.withDomainLockIfFree(store, uuid: uuid, name: name) { (_) async throws(VirtError) in
            await reapLaunch(named: name, uuid: uuid)
        }
    }

    /// Holding the lock of the marker's UUID: destroys what Xen has of that domain beyond what was recorded.
    /// A status beside the marker does not make the marker stale: a restart (``rebuild(_:definition:stillInXen:after:held:)``)
    /// builds again while the status of the domain it destroyed is still recorded, so only the recorded Xen
    /// id is kept, and a domain of that UUID with any other id is what a dead builder left.
    private func reapLaunch(named name: String, uuid: String) async {
        let uuid = uuid.lowercased()
        let recorded = store.recordedStatus(named: name).flatMap { $0.uuid.lowercased() == uuid ? $0.id : nil }
        func leftOver() async -> [XenDomainInfo]? {
            (try? await toolstack.domains())?.filter { $0.uuid.libvirtString == uuid && $0.id != recorded }
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
