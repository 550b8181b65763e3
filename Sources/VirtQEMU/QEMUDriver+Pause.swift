import VirtDriver

extension QEMUDriver {
    func domainSuspend(_ ref: DomainRef) async throws(VirtError) {
        try await withDomainLock(ref) { (record) async throws(VirtError) in
            var running = try Self.requireActive(record)
            guard running.status.state != .paused else { return }
            try await withMonitor(record) { (monitor) async throws(VirtError) in try await monitor.stop() }
            running.status.state = .paused
            running.status.reason = DomainStateReason.user.rawValue
            try store.writeStatus(running.status)
            emit(record.ref, .suspendedPaused)
        }
    }

    func domainResume(_ ref: DomainRef) async throws(VirtError) {
        try await withDomainLock(ref) { (record) async throws(VirtError) in
            var running = try Self.requireActive(record)
            if running.status.state == .crashed {
                throw VirtError(.operationFailed, .qemu, "domain is crashed")
            }
            guard running.status.state == .paused else {
                throw VirtError(.operationInvalid, .qemu, "domain is already running")
            }
            try await withMonitor(record) { (monitor) async throws(VirtError) in try await monitor.cont() }
            running.status.state = .running
            running.status.reason = DomainStateReason.unpaused.rawValue
            try store.writeStatus(running.status)
            emit(record.ref, .resumedUnpaused)
        }
    }
}
