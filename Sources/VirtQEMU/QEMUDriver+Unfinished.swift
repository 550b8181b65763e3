import VirtDriver
import VirtOS

/// Crash consistency: an operation whose end QEMU and the files cannot reach in one step records itself in
/// the status (``QEMUDomainStatus/unfinished``) before its point of no return. If its client dies midway
/// (kill -9), whoever next holds the domain's lock (the next operation, the watcher, or a reader that finds
/// the lock free) finishes it or undoes it here, so what is listed is what runs.
extension QEMUDriver {
    /// The caller holds the domain's lock, so the operation's own client is gone.
    func finishUnfinished(_ record: QEMUDomainRecord) async throws(VirtError) {
        guard let running = record.running, let unfinished = running.status.unfinished else { return }
        switch unfinished {
        case .save:
            _ = try await recoverInterruptedSave(record)
        case .vcpuChange:
            try await readBackVcpus(record, running)
        case .destroy:
            try await QEMUProcess.terminate(pid: running.status.pid, startTime: running.status.startTime)
            finishStop(record, reason: .destroyed)
            if record.current.onPoweroff != .restart { emit(record.ref, .shutdownHost) }
            emit(record.stoppedRef, .stoppedDestroyed)
        }
    }

    /// Writes `unfinished` into the domain's status before the step it describes (the caller holds the lock).
    func recordUnfinished(_ unfinished: QEMUDomainStatus.UnfinishedOperation, _ running: QEMUDomainRecord.Running) throws(VirtError) {
        var status = running.status
        status.unfinished = unfinished
        try store.writeStatus(status)
    }

    /// The live definition's online vCPUs made what QEMU has (after a hot-plug that stopped midway), and
    /// the status's record of the change cleared.
    func readBackVcpus(_ record: QEMUDomainRecord, _ running: QEMUDomainRecord.Running) async throws(VirtError) {
        let present = try await withMonitor(record) { (monitor) async throws(VirtError) in try await monitor.vcpus().count }
        var def = running.definition
        def.vcpu.setOnline(UInt32(present))
        try store.writeLiveDefinition(def)
        var status = running.status
        status.unfinished = nil
        try store.writeStatus(status)
    }
}
