import QMP
import VirtDriver
import VirtDriverState
import VirtOS

/// The watcher of one qemu:/// driver instance (system, session, or an embed root): the process that acts
/// the moment a guest does, with no SwiftVirt call in between.
///
/// It runs ``DriverWatcher``'s loop (one per instance, under `<run>/watcher.lock`, replaced by the next client
/// when killed, gone when nothing runs). For every running domain it keeps
/// a session on the domain's event-only monitor (`<run>/<uuid>.events`) and hands each QEMU event to
/// ``QEMUDriver/tend(named:signal:)``, which does the work under the domain's lock as any operation would.
/// It keeps nothing of its own: all state is the driver's files, so killing it loses nothing; a new watcher
/// catches up with what QEMU did meanwhile when it attaches.
public enum QEMUWatcher {
    /// How often the run directory is looked at for domains started since.
    static let scanInterval: Duration = .milliseconds(100)

    /// Watches the driver instance of `uri` until nothing runs; returns the exit status.
    public static func run(uri text: String) async -> Int32 {
        let driver: QEMUDriver
        do throws(VirtError) {
            let uri = try ConnectURI(parsing: text)
            driver = try QEMUDriver(uri: uri, paths: try QEMUDriverFactory.paths(for: uri), openMonitor: QMPMonitor.open)
        } catch {
            DriverWatcher.report("cannot open '\(text)': \(error.message)")
            return 1
        }
        let watch = Watch(driver: driver)
        // Each QEMU process is watched once: keyed by name, pid and start time.
        var sessions: [String: Task<Void, Never>] = [:]
        var lastSweep = ContinuousClock.now
        let status = await DriverWatcher.run(paths: driver.paths, scanInterval: scanInterval, wakeOnEntries: true) {
            let running = driver.store.runningNames()
            var current: [String: Task<Void, Never>] = [:]
            func follow(_ name: String, _ process: QEMUProcessRef) {
                let key = "\(name) \(process.pid) \(process.startTime)"
                current[key] = sessions[key] ?? Task { await watch.follow(name, process) }
            }
            for name in running {
                guard let status = driver.store.recordedStatus(named: name) else { continue }
                // A QEMU that died unseen (its session ended, or never began) is reaped here, so a dead
                // domain's status never keeps the watcher, or anyone, believing it runs.
                guard ProcessControl.isAlive(status.pid, startTime: status.startTime) else {
                    _ = try? await driver.record(named: name)
                    continue
                }
                follow(name, status.process)
            }
            // A pid file with no status: a start in progress (its starter holds the lock) or one whose starter
            // died, whose QEMU must not wait for ever. Until it is gone it keeps the watcher as a running
            // domain does (a watcher that left first would leave an orphan to the next call). A live start's
            // QEMU is followed from its launch: its starter lets the guest run only once it is.
            var launching = 0
            for name in driver.paths.names(in: driver.paths.run, withSuffix: ".pid") where !running.contains(name) {
                await driver.reapOrphanedLaunch(named: name)
                guard Paths.exists(driver.paths.pidFile(name)) else { continue }
                launching += 1
                if let launch = driver.launchInProgress(named: name) { follow(name, launch) }
            }
            // A domain whose status is gone has stopped: its session ends with its QEMU.
            sessions = current
            driver.removeStaleStartClaims()
            if ContinuousClock.now - lastSweep > DriverWatcher.orphanSweepInterval {
                await driver.removeOrphanedDomainLocks()
                lastSweep = ContinuousClock.now
            }
            return running.count + launching
        }
        // A daemon that was the watcher hands over: its sessions end with its loop (a process's end with it).
        for session in sessions.values { session.cancel() }
        return status
    }
}

/// One QEMU process's event-monitor session.
private struct Watch: Sendable {
    let driver: QEMUDriver

    /// Follows one QEMU process's events until it ends, from its launch on: a QEMU not yet recorded keeps its
    /// events in the session until its starter records the domain, then they are tended in order.
    func follow(_ name: String, _ process: QEMUProcessRef) async {
        let socket = driver.paths.eventMonitor(uuid: process.uuid)
        let alive = { ProcessControl.isAlive(process.pid, startTime: process.startTime) }
        let recorded = { driver.store.recordedStatus(named: name)?.process == process }
        var connected: QMPClient?
        while connected == nil {
            guard !Task.isCancelled else { return }
            do {
                connected = try await QMPClient.connect(socketPath: socket, timeout: .seconds(10))
            } catch {
                if !recorded() {
                    // Still launching (QEMU has not made its socket yet), or a launch that failed: its starter,
                    // or the scan if the starter died, cleans up.
                    guard alive() else { return }
                    try? await Task.sleep(for: .milliseconds(5))
                    continue
                }
                // A QEMU started before SwiftVirt had watchers has no event monitor: tend it when it ends.
                guard Paths.exists(socket), alive() else {
                    await tend(name, .catchUp)
                    while alive(), !Task.isCancelled { try? await Task.sleep(for: .seconds(1)) }
                    await tend(name, .gone)
                    return
                }
                // Its monitor is there but did not answer in time (a loaded host): never give up on it.
                DriverWatcher.report("domain '\(name)': QEMU's event monitor did not answer (\(error)); trying again")
                try? await Task.sleep(for: .seconds(1))
            }
        }
        guard let client = connected else { return }
        // Heard from here on (the session is past negotiation): a starter waiting to let the guest run may.
        let mark = driver.paths.watchedMark(uuid: process.uuid)
        try? FileIO.write(mark, [])
        if !alive() { try? Paths.remove(mark) }  // ended meanwhile: whoever cleaned up may have been first
        while !recorded() {
            guard alive(), !Task.isCancelled else {
                await client.close()
                return
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        await tend(name, .catchUp)
        for await event in client.events {
            if let signal = QEMUGuestSignal(event) { await tend(name, signal) }
        }
        await client.close()
        guard !Task.isCancelled else { return }  // handed over: the next watcher tends what comes
        await tend(name, .gone)
    }

    private func tend(_ name: String, _ signal: QEMUGuestSignal) async {
        do throws(VirtError) {
            try await driver.tend(named: name, signal: signal)
        } catch {
            DriverWatcher.report("domain '\(name)': \(error.message)")
        }
    }
}

extension QEMUGuestSignal {
    /// The signal a QEMU event carries; nil for events the driver does not act on.
    init?(_ event: QMPEvent) {
        switch event.name {
        case "SHUTDOWN":
            self = .shutdown(byGuest: event.data["guest"]?.boolValue ?? true,
                             reboot: event.data["reason"]?.stringValue == "guest-reset")
        case "RESET":
            self = .reset(byGuest: event.data["guest"]?.boolValue ?? false)
        case "GUEST_PANICKED":
            self = .panicked
        case "STOP":
            self = .stopped
        case "RESUME":
            self = .resumed
        case "BALLOON_CHANGE":
            guard let bytes = event.data["actual"]?.uint64Value else { return nil }
            self = .balloon(bytes)
        default:
            return nil
        }
    }
}
