import VirtDriver

extension XenDriver {
    /// Pauses the domain's vCPUs in Xen; its memory stays allocated.
    func domainSuspend(_ ref: DomainRef) async throws(VirtError) {
        try await withDomainLock(ref) { (record, _) async throws(VirtError) in
            try Self.refuseDomain0(record)
            var running = try Self.requireActive(record)
            guard !running.info.paused else { return }
            try await toolstack.pause(running.status.id)
            running.status.pausedReason = PausedReason.user.rawValue
            try store.writeStatus(running.status)
            emit(record.ref, .suspendedPaused)
        }
    }

    func domainResume(_ ref: DomainRef) async throws(VirtError) {
        try await withDomainLock(ref) { (record, _) async throws(VirtError) in
            try Self.refuseDomain0(record)
            var running = try Self.requireActive(record)
            guard running.info.paused else { return }
            try await toolstack.unpause(running.status.id)
            running.status.runningReason = RunningReason.unpaused.rawValue
            running.status.pausedReason = 0
            try store.writeStatus(running.status)
            emit(record.ref, .resumedUnpaused)
        }
    }
}
