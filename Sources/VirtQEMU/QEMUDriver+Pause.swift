import VirtDriver

extension QEMUDriver {
    func domainSuspend(_ ref: DomainRef) async throws(VirtError) {
        try await withDomainLock(ref) { (record) async throws(VirtError) in
            let running = try Self.requireActive(record)
            guard running.status.state != .paused else { return }
            try await setRunState(record, running, to: .paused(.user))
            emit(record.ref, .suspendedPaused)
        }
    }

    func domainResume(_ ref: DomainRef) async throws(VirtError) {
        try await withDomainLock(ref) { (record) async throws(VirtError) in
            let running = try Self.requireActive(record)
            if running.status.state == .crashed {
                throw VirtError(.operationFailed, .qemu, "domain is crashed")
            }
            guard running.status.state == .paused else {
                throw VirtError(.operationInvalid, .qemu, "domain is already running")
            }
            try await setRunState(record, running, to: .running(.unpaused))
            emit(record.ref, .resumedUnpaused)
        }
    }

    /// Pauses or resumes QEMU and records it, together: a status that cannot be written (a full disk) undoes
    /// QEMU's change, so the record never says otherwise than QEMU.
    private func setRunState(
        _ record: QEMUDomainRecord, _ running: QEMUDomainRecord.Running, to state: QEMUDomainStatus.RunState
    ) async throws(VirtError) {
        var status = running.status
        status.runState = state
        let pausing = status.state == .paused
        try await withMonitor(record) { (monitor) async throws(VirtError) in
            try await pausing ? monitor.stop() : monitor.cont()
            do throws(VirtError) {
                try store.writeStatus(status)
            } catch {
                try? await pausing ? monitor.cont() : monitor.stop()
                throw error
            }
        }
    }
}
