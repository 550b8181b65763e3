import QMP
import FoundationEssentials
import VirtDriver
import VirtOS
import VirtXML

extension QEMUDriver {
    func domainDestroy(_ ref: DomainRef) async throws(VirtError) {
        try await withDomainLock(ref) { (record) async throws(VirtError) in
            let running = try Self.requireActive(record)
            // Best effort: destroy must work on a full disk too (it is how room is made); unrecorded, a
            // destroy whose client dies midway reads as a crash.
            try? recordUnfinished(.destroy, running)
            try await QEMUProcess.terminate(pid: running.status.pid, startTime: running.status.startTime)
            finishStop(record, reason: .destroyed)
            // QEMU reports the signal as a host-requested shutdown before it goes, and libvirt passes it on,
            // except for a domain whose power-off restarts it (libvirt reports no shutdown of those at all).
            if record.current.onPoweroff != .restart { emit(record.ref, .shutdownHost) }
            emit(record.stoppedRef, .stoppedDestroyed)
        }
    }

    /// Presses the ACPI power button; the guest decides whether and when to power off.
    func domainShutdown(_ ref: DomainRef, flags: DomainShutdownFlags) async throws(VirtError) {
        try checkShutdownFlags(flags)
        try await withDomainLock(ref) { (record) async throws(VirtError) in
            var running = try Self.requireActive(record)
            // Recorded first, so a guest that powers off after this client died shut down rather than crashed
            // (best effort: on a full disk the guest is still asked, and only the reason suffers).
            let before = running.status
            running.status.shutdownRequested = true
            try? store.writeStatus(running.status)
            do throws(VirtError) {
                try await withMonitor(record) { (monitor) async throws(VirtError) in try await monitor.systemPowerdown() }
            } catch {
                try? store.writeStatus(before)
                throw error
            }
        }
    }

    /// Reboots as libvirt does: the guest shuts down on the power button, QEMU pauses instead of exiting,
    /// and the machine is reset and resumed. Waits up to ``rebootWait`` for the guest; a guest that takes
    /// longer is reset by the next operation that finds it powered off (the status keeps `rebootPending`).
    func domainReboot(_ ref: DomainRef, flags: DomainShutdownFlags) async throws(VirtError) {
        try checkShutdownFlags(flags)
        try await withDomainLock(ref) { (record) async throws(VirtError) in
            var running = try Self.requireActive(record)
            // Recorded first: a guest that powers off after this client died is reset, not stopped.
            let before = running.status
            running.status.rebootPending = true
            try store.writeStatus(running.status)
            // QEMU pauses when the guest powers off (it runs with shutdown=pause); said again for a QEMU
            // started before it did.
            do throws(VirtError) {
                try await withMonitor(record) { (monitor) async throws(VirtError) in
                    try await monitor.setShutdownAction("pause")
                    try await monitor.systemPowerdown()
                }
            } catch {
                try? store.writeStatus(before)
                throw error
            }
            let deadline = ContinuousClock.now + Self.rebootWait
            while ContinuousClock.now < deadline {
                if try await completePendingReboot(running.status) { return }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// How long a reboot waits for the guest to power off before leaving the reset to a later operation.
    static let rebootWait: Duration = .seconds(30)

    /// If a reboot is pending and the guest has powered off (QEMU paused in "shutdown"), resets and resumes it;
    /// if it was reset already (QEMU in "prelaunch": the client that reset it died before resuming it),
    /// resumes it. Returns whether nothing is pending any more. The caller holds the domain lock.
    @discardableResult
    func completePendingReboot(_ status: QEMUDomainStatus) async throws(VirtError) -> Bool {
        guard status.rebootPending else { return true }
        let monitor = try await openMonitor(paths.monitor(uuid: status.uuid))
        do throws(VirtError) {
            let state = try await monitor.runState()
            guard state == .shutdown || state == .prelaunch else {
                await monitor.close()
                return false
            }
            if state == .shutdown { try await monitor.systemReset() }
            if status.state == .running { try await monitor.cont() }
            await monitor.close()
        } catch {
            await monitor.close()
            throw error
        }
        var updated = status
        updated.rebootPending = false
        updated.shutdownRequested = false
        try store.writeStatus(updated)
        if let uuid = UUID(libvirtString: status.uuid) {
            emit(DomainRef(name: status.name, uuid: uuid, id: status.id), .reboot)
        }
        return true
    }

    private func checkShutdownFlags(_ flags: DomainShutdownFlags) throws(VirtError) {
        if !flags.isEmpty && flags != .acpiPowerButton {
            throw VirtError(.argumentUnsupported, .qemu, "only the ACPI power button is supported for shutdown and reboot")
        }
    }

    /// Records a stopped domain: run files gone, the reason kept for `domstate --reason`, a transient domain
    /// forgotten. The caller holds the domain lock.
    func finishStop(_ record: QEMUDomainRecord, reason: ShutoffReason) {
        store.clearRunning(named: record.name)
        if record.isPersistent {
            store.recordStopReason(reason, named: record.name)
        }
    }

    /// A recorded QEMU that is no longer alive: the domain shut down (the guest powered off, or QEMU was
    /// killed). Cleans up if nobody else holds the domain's lock; otherwise its holder will.
    func reapDeadProcess(named name: String) async {
        guard let status = store.recordedStatus(named: name) else { return }
        _ = try? await Self.stateLock.withDomainLockIfFree(store, uuid: status.uuid, name: name) { (_) async throws(VirtError) in
            guard let again = store.recordedStatus(named: name), again.pid == status.pid,
                  !ProcessControl.isAlive(again.pid, startTime: again.startTime) else { return }
            // Why it ended: a save whose stream was written whole, or a destroy, whose client died before it
            // recorded the stop; a guest asked to power off; otherwise a crash.
            let (reason, event): (ShutoffReason, DomainLifecycleEvent) =
                switch again.unfinished {
                case .save(let save) where save.streamWritten: (.saved, .stoppedSaved)
                case .destroy: (.destroyed, .stoppedDestroyed)
                default: again.shutdownRequested ? (.shutdown, .stoppedShutdown) : (.crashed, .stoppedFailed)
                }
            if let saving = again.saving, !saving.streamWritten, saving.createdFile { try? Paths.remove(saving.path) }
            store.clearRunning(named: name)
            if Paths.exists(paths.definition(name)) { store.recordStopReason(reason, named: name) }
            if let uuid = UUID(libvirtString: again.uuid) { emit(DomainRef(name: name, uuid: uuid, id: -1), event) }
        }
    }

    static func requireActive(_ record: QEMUDomainRecord) throws(VirtError) -> QEMUDomainRecord.Running {
        guard let running = record.running else {
            throw VirtError(.operationInvalid, .domain, "domain is not running")
        }
        return running
    }

    /// Runs `body` with a monitor session on the domain's QEMU. A QEMU that ends meanwhile (a destroy by
    /// another process racing this call) fails the call as libvirt does, with "domain is not running".
    func withMonitor<R>(
        _ record: QEMUDomainRecord, _ body: (any QEMUMonitor) async throws(VirtError) -> R
    ) async throws(VirtError) -> R {
        // A QEMU already gone (its stop being recorded by another operation) is not waited for at its socket.
        if let status = record.running?.status, !ProcessControl.isAlive(status.pid, startTime: status.startTime) {
            throw VirtError(.operationInvalid, .domain, "domain is not running")
        }
        do throws(VirtError) {
            let monitor = try await openMonitor(paths.monitor(uuid: record.uuid.libvirtString))
            do throws(VirtError) {
                let result = try await body(monitor)
                await monitor.close()
                return result
            } catch {
                await monitor.close()
                throw error
            }
        } catch {
            if let status = record.running?.status, !ProcessControl.isAlive(status.pid, startTime: status.startTime) {
                throw VirtError(.operationInvalid, .domain, "domain is not running")
            }
            throw error
        }
    }
}
