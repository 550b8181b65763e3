import FoundationEssentials
import VirtDriver
import VirtDriverState
import VirtOS
import VirtXML

/// What a daemon's event loop would do when a guest stops by itself, done on the next access instead: Xen
/// keeps a domain whose guest powered off, crashed or rebooted ("shutdown") until a toolstack destroys it
/// (and, for a reboot, builds it again).
extension XenDriver {
    /// The running part of a recorded domain from Xen's view, tended first if its guest has stopped; nil
    /// when Xen no longer runs it (its run files are then cleaned up).
    func observe(_ status: XenDomainStatus) async throws(VirtError) -> XenDomainRecord.Running? {
        if status.destroying == true {
            let finished = try await withLockIfFree(status, otherwise: { () throws(VirtError) in false }) {
                (_) async throws(VirtError) in
                try await finishInterruptedDestroy(status)
                return true
            }
            if finished { return nil }
        }
        let info = try await toolstack.domain(status.id)
        guard let info, Self.isSame(info, status), !info.shutdown, status.restartingAfter == nil else {
            return try await withLockIfFree(status, otherwise: { () throws(VirtError) in
                guard let live = try store.liveDefinition(named: status.name) else { return nil }
                if let info, Self.isSame(info, status), !info.isGone { return .init(status: status, definition: live, info: info) }
                // The operation holding the lock is tearing the domain down (a destroy, or a restart that builds
                // it again): until it is done the domain is what was recorded, being torn down in Xen's words,
                // so that a transient domain is still found in between (libvirt's object lives on too).
                var tearingDown = XenDomainInfo(id: status.id, uuid: live.uuid)
                tearingDown.dying = true
                return .init(status: status, definition: live, info: tearingDown)
            }, { (held) async throws(VirtError) in try await settle(name: status.name, held: held) })
        }
        guard let live = try store.liveDefinition(named: status.name) else { return nil }
        return .init(status: status, definition: live, info: info)
    }

    /// Whether Xen's domain is the one SwiftVirt recorded (a later domain may reuse the id).
    static func isSame(_ info: XenDomainInfo, _ status: XenDomainStatus) -> Bool {
        info.uuid.libvirtString == status.uuid.lowercased()
    }

    /// Runs `locked` holding the domain's lock (already held by this task, or free to take now); when another
    /// operation holds it, reports `otherwise` (that operation tends the domain).
    private func withLockIfFree<R>(
        _ status: XenDomainStatus,
        otherwise: () throws(VirtError) -> R, _ locked: (DomainLockHold) async throws(VirtError) -> R
    ) async throws(VirtError) -> R {
        if let held = DomainLock.currentHold(of: status.uuid) { return try await locked(held) }
        let result = try await Self.stateLock.withDomainLockIfFree(store, uuid: status.uuid, name: status.name) { (held) async throws(VirtError) -> R in
            try await locked(held)
        }
        guard let result else { return try otherwise() }
        return result
    }

    /// Holding the domain's lock: reads the domain again and does what its lifecycle actions say for a guest
    /// that stopped; returns what runs afterwards (nil: nothing).
    @discardableResult
    func settle(name: String, held: DomainLockHold) async throws(VirtError) -> XenDomainRecord.Running? {
        guard let status = store.recordedStatus(named: name) else { return nil }
        let found = try await toolstack.domain(status.id)
        let info = found.flatMap { Self.isSame($0, status) && !$0.isGone ? $0 : nil }
        if let reason = status.restartingAfter, let live = try store.liveDefinition(named: name) {
            // A restart whose restarter died (a client, or the watcher, killed): finished from where it stopped.
            return try await rebuild(status, definition: live, stillInXen: info != nil,
                                     after: ShutoffReason(rawValue: reason), held: held)
        }
        guard let info, let live = try store.liveDefinition(named: name) else {
            finishStop(name: name, reason: status.shutdownRequested ? .shutdown : .destroyed)
            return nil
        }
        let running = XenDomainRecord.Running(status: status, definition: live, info: info)
        guard info.shutdown else { return running }
        switch Self.response(to: info.shutdownReason, status: status, definition: live) {
        case .leave:
            return running
        case .destroy(let reason):
            try await toolstack.destroy(status.id)
            finishStop(name: name, reason: reason)
            return nil
        case .rebuild(let reason):
            return try await rebuild(status, definition: live, stillInXen: true, after: reason, held: held)
        }
    }

    enum ShutdownResponse: Equatable {
        /// Keep the domain as Xen has it (preserve, or a save in progress).
        case leave
        /// Destroy it; a persistent domain is then shut off for this reason.
        case destroy(ShutoffReason)
        /// Destroy it and build it again from its live definition; it stopped for this reason.
        case rebuild(ShutoffReason)
    }

    /// libvirt's lifecycle actions for a guest that stopped for `reason` (`<on_poweroff>`, `<on_reboot>`,
    /// `<on_crash>`); a reboot SwiftVirt asked for always rebuilds. Core dumps are not written.
    static func response(
        to reason: XenDomainInfo.ShutdownReason, status: XenDomainStatus, definition: DomainDefinition
    ) -> ShutdownResponse {
        let action: LifecycleAction
        let stopReason: ShutoffReason
        switch reason {
        case .reboot:
            if status.rebootPending { return .rebuild(.shutdown) }
            action = definition.onReboot
            stopReason = .shutdown
        case .poweroff:
            action = definition.onPoweroff
            stopReason = .shutdown
        case .crash, .watchdog:
            action = definition.onCrash
            stopReason = .crashed
        case .suspend, .softReset, .unknown:
            return .leave
        }
        switch action {
        case .destroy, .coredumpDestroy: return .destroy(stopReason)
        case .restart, .renameRestart, .coredumpRestart: return .rebuild(stopReason)
        case .preserve: return .leave
        }
    }

    /// Destroys the stopped domain and builds it again from its live definition (a new Xen id), running.
    /// Events as libvirt's libxl driver gives them (a stop for `reason`, then a boot; no REBOOT event), in the
    /// order they happened (libvirt 9.0 queues the stop after the boot). The restart is recorded before
    /// anything is done, with its stop event: a restart found recorded (its restarter died) goes on from
    /// wherever it stopped, destroying the domain if Xen still has it and building it, with no second stop
    /// event.
    func rebuild(
        _ stopped: XenDomainStatus, definition: DomainDefinition, stillInXen: Bool, after reason: ShutoffReason,
        held: DomainLockHold
    ) async throws(VirtError) -> XenDomainRecord.Running? {
        var status = stopped
        if status.restartingAfter == nil {
            status.restartingAfter = reason.rawValue
            try? store.writeStatus(status)
            if let uuid = UUID(libvirtString: status.uuid) {
                emit(DomainRef(name: status.name, uuid: uuid, id: -1), Self.stoppedEvent(reason))
            }
        }
        if stillInXen {
            do throws(VirtError) {
                try await toolstack.destroy(status.id)
            } catch {
                // A restarter that died may have destroyed it already (Xen lets a dying domain go in its own time).
                if let left = try await toolstack.domain(status.id), Self.isSame(left, status), !left.dying { throw error }
            }
        }
        var def = definition
        def.id = nil
        do {
            let status = try await launch(def, runningReason: .booted, paused: false, held: held)
            guard let info = try await toolstack.domain(status.id) else { return nil }
            def.id = Int32(bitPattern: status.id)
            return .init(status: status, definition: def, info: info)
        } catch {
            finishStop(name: def.name, reason: .failed)
            throw error
        }
    }

    /// Forgets a stopped domain's run state; a persistent one keeps why it stopped (`domstate --reason`).
    /// The caller holds the domain's lock.
    func finishStop(name: String, reason: ShutoffReason) {
        if let status = store.recordedStatus(named: name), let uuid = UUID(libvirtString: status.uuid) {
            emit(DomainRef(name: name, uuid: uuid, id: -1), Self.stoppedEvent(reason))
        }
        store.clearRunning(named: name)
        if Paths.exists(paths.definition(name)) {
            store.recordStopReason(reason, named: name)
        }
    }

    static func stoppedEvent(_ reason: ShutoffReason) -> DomainLifecycleEvent {
        switch reason {
        case .shutdown: .stoppedShutdown
        case .crashed: .stoppedCrashed
        case .saved: .stoppedSaved
        case .failed: .stoppedFailed
        default: .stoppedDestroyed
        }
    }
}
