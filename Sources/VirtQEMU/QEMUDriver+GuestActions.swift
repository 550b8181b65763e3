import QMP
import VirtDriver
import VirtOS
import VirtXML
#if canImport(Glibc)
import Glibc
#endif

/// What QEMU reported on a domain's event monitor, reduced to what the driver acts on.
enum QEMUGuestSignal: Sendable, Equatable {
    /// The guest powered off (QEMU paused in "shutdown"); `reboot` when it was a reboot that on_reboot=destroy
    /// turned into a power-off (QEMU's reason "guest-reset").
    case shutdown(byGuest: Bool, reboot: Bool)
    /// The machine was reset: by the guest (a reboot QEMU carried out itself, on_reboot=restart), or by a
    /// monitor command (ours record their own REBOOT event).
    case reset(byGuest: Bool)
    case panicked
    /// The vCPUs stopped or resumed: another actor than this driver paused or resumed QEMU, or an operation
    /// in progress did (the lock tells which).
    case stopped
    case resumed
    /// The balloon reached a new size, in bytes.
    case balloon(UInt64)
    /// The monitor closed: QEMU ended.
    case gone
    /// Nothing in particular: bring records and QEMU into agreement (a watcher that just attached).
    case catchUp
}

extension QEMUDriver {
    /// Acts on what QEMU reported for the domain called `name`, under the domain's lock: applies the
    /// definition's `<on_poweroff>`, `<on_reboot>` or `<on_crash>` action, brings the recorded state into
    /// agreement with QEMU's, and records the events. The lock makes this wait for any operation in progress,
    /// which is how a STOP that `suspend` caused is told from one that nobody asked for.
    func tend(named name: String, signal: QEMUGuestSignal) async throws(VirtError) {
        guard let found = try await record(named: name), found.isActive else { return }
        try await withDomainLock(found.ref) { (record) async throws(VirtError) in
            guard let running = record.running else { return }
            switch signal {
            case .reset(let byGuest):
                if byGuest { emit(record.ref, .reboot) }
                // The machine runs on: nothing to reconcile, unless it was a reboot's reset whose client died
                // before its `cont` (QEMU waits in "prelaunch").
                guard !byGuest, running.status.rebootPending else { return }
            case .balloon(let bytes):
                emit(record.ref, .balloonChange(bytes / 1024))
                return
            case .gone:
                return  // record(named:) above has already reaped a QEMU that ended
            case .shutdown, .panicked, .stopped, .resumed, .catchUp:
                break
            }
            let state = try await withMonitor(record) { (monitor) async throws(VirtError) in try await monitor.runState() }
            switch state {
            case .prelaunch where running.status.rebootPending:
                try await completePendingReboot(running.status)
            case .shutdown:
                guard !running.status.rebootPending else {
                    try await completePendingReboot(running.status)
                    return
                }
                var byGuest = true
                var reboot = false
                if case .shutdown(let guest, let wasReboot) = signal {
                    byGuest = guest
                    reboot = wasReboot
                }
                // Events as libvirt 9.0 emits them (Tests/VirtQEMUTests/Fixtures/events): a power-off that
                // restarts is no lifecycle change at all, only the reboot it becomes.
                switch reboot ? record.current.onReboot : record.current.onPoweroff {
                case .restart, .renameRestart, .coredumpRestart:
                    try await restart(record, running, reason: .booted)
                case .preserve:
                    break  // refused at define (as libvirt does); a definition from elsewhere stays as QEMU is
                case .destroy, .coredumpDestroy:
                    emit(record.ref, byGuest ? .shutdownGuest : .shutdownHost)
                    try await stop(record, running, reason: .shutdown, event: .stoppedShutdown)
                }
            case .guestPanicked:
                guard running.status.state != .crashed else { return }  // preserved already
                let action = record.current.onCrash
                if action == .coredumpDestroy || action == .coredumpRestart { await writeCore(record) }
                switch action {
                case .destroy, .coredumpDestroy:
                    emit(record.ref, .crashedPanicked)
                    try await stop(record, running, reason: .crashed, event: .stoppedCrashed)
                case .restart, .renameRestart, .coredumpRestart:
                    emit(record.ref, .suspendedPaused)
                    emit(record.ref, .crashedPanicked)
                    try await restart(record, running, reason: .crashed, resumed: true)
                case .preserve:
                    // Left for inspection: QEMU stays paused until someone destroys it.
                    emit(record.ref, .suspendedPaused)
                    emit(record.ref, .crashedPanicked)
                    var status = running.status
                    status.runState = .crashed(.panicked)
                    try store.writeStatus(status)
                }
            case .running where running.status.state == .paused:
                var status = running.status
                status.runState = .running(.unpaused)
                try store.writeStatus(status)
                emit(record.ref, .resumedUnpaused)
            case .paused where running.status.state == .running, .ioError where running.status.state == .running:
                var status = running.status
                status.runState = .paused(state == .ioError ? .ioError : .user)
                try store.writeStatus(status)
                emit(record.ref, state == .ioError ? .suspendedIOError : .suspendedPaused)
            default:
                break
            }
        }
    }

    /// Ends a guest that powered off or crashed (QEMU is paused), as `<on_*>destroy</on_*>` says.
    private func stop(
        _ record: QEMUDomainRecord, _ running: QEMUDomainRecord.Running, reason: ShutoffReason,
        event: DomainLifecycleEvent
    ) async throws(VirtError) {
        try await QEMUProcess.terminate(pid: running.status.pid, startTime: running.status.startTime)
        finishStop(record, reason: reason)
        emit(record.stoppedRef, event)
    }

    /// libvirt's "fake reboot": the same QEMU reset and resumed. Our reset's REBOOT is recorded here (the
    /// watcher skips QEMU's host-initiated RESET), before the RESUMED a crashed guest's restart reports.
    private func restart(
        _ record: QEMUDomainRecord, _ running: QEMUDomainRecord.Running, reason: RunningReason,
        resumed: Bool = false
    ) async throws(VirtError) {
        try await withMonitor(record) { (monitor) async throws(VirtError) in try await monitor.systemReset() }
        emit(record.ref, .reboot)
        try await withMonitor(record) { (monitor) async throws(VirtError) in try await monitor.cont() }
        var status = running.status
        status.runState = .running(reason)
        status.shutdownRequested = false
        try store.writeStatus(status)
        if resumed { emit(record.ref, .resumedUnpaused) }
    }

    /// `<on_crash>coredump-*</on_crash>`: the guest's memory as an ELF core in the driver's dump directory,
    /// named as libvirt names it (`<name>-<YYYY-MM-DD-HH:MM:SS>`), before the destroy or restart. A core
    /// that cannot be written is reported (``Warnings``, the watcher's log) and the action goes on.
    func writeCore(_ record: QEMUDomainRecord) async {
        let path = "\(paths.dump)/\(record.name)-\(Self.dumpTimestamp())"
        do throws(VirtError) {
            do {
                try Paths.makeDirectories(paths.dump, mode: 0o700)
            } catch {
                throw VirtError.system(error.errno, "cannot create directory '\(paths.dump)'", domain: .qemu)
            }
            try await withMonitor(record) { (monitor) async throws(VirtError) in try await monitor.dumpGuestMemory(toFile: path) }
        } catch {
            Warnings.shared.record("cannot write the core of domain '\(record.name)' to '\(path)': \(error.message)")
        }
    }

    static func dumpTimestamp() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%d-%H:%M:%S", &parts)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
