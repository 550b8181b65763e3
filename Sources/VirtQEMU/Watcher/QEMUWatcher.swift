import QMP
import VirtDriver
import VirtOS
#if canImport(Glibc)
import Glibc
#endif

/// The watcher of one qemu:/// driver instance (system, session, or an embed root): the process that acts
/// the moment a guest does, with no SwiftVirt call in between.
///
/// It holds `<run>/watcher.lock`, so there is at most one per instance and a killed one is replaced by the
/// next client that finds the lock free (``QEMUDriver/ensureWatcher()``). For every running domain it keeps
/// a session on the domain's event-only monitor (`<run>/<name>.events`) and hands each QEMU event to
/// ``QEMUDriver/tend(named:signal:)``, which does the work under the domain's lock as any operation would.
/// It keeps nothing of its own: all state is the driver's files, so killing it loses nothing; a new watcher
/// catches up with what QEMU did meanwhile when it attaches. It exits once no domain has run for
/// ``idleExit``.
public enum QEMUWatcher {
    /// How long the watcher stays with nothing to watch (a client that starts a domain right after another
    /// stopped does not pay for a new watcher).
    static let idleExit: Duration = .seconds(10)
    /// How often the run directory is looked at for domains started since.
    static let scanInterval: Duration = .milliseconds(100)

    /// Watches the driver instance of `uri` until nothing runs; returns the exit status.
    public static func run(uri text: String) async -> Int32 {
        let driver: QEMUDriver
        do throws(VirtError) {
            let uri = try ConnectURI(parsing: text)
            driver = try QEMUDriver(uri: uri, paths: try QEMUDriverFactory.paths(for: uri), openMonitor: QMPMonitor.open)
        } catch {
            report("cannot open '\(text)': \(error.message)")
            return 1
        }
        return await Watch(driver: driver).run()
    }

    static func report(_ message: String) {
        var line = "swiftvirt-watch: \(message)\n"
        line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}

/// One watcher's work: find the running domains, keep one monitor session each.
private struct Watch {
    let driver: QEMUDriver

    var paths: QEMUPaths { driver.paths }

    func run() async -> Int32 {
        guard var lock = try? FileLock.tryLock(paths.watcherLock) else {
            QEMUWatcher.report("cannot open '\(paths.watcherLock)'")
            return 1
        }
        // Each QEMU process is watched once: keyed by name, pid and start time.
        var watches: [String: Task<Void, Never>] = [:]
        var idleSince = ContinuousClock.now
        while true {
            let running = driver.store.runningNames()
            for name in running {
                guard let status = driver.store.recordedStatus(named: name) else { continue }
                let key = "\(name) \(status.pid) \(status.startTime)"
                guard watches[key] == nil else { continue }
                watches[key] = Task { await watch(name, status) }
            }
            // A domain whose status is gone stopped: its session ends with its QEMU.
            watches = watches.filter { key, _ in running.contains { key.hasPrefix($0 + " ") } }
            if !running.isEmpty { idleSince = ContinuousClock.now }
            if running.isEmpty && ContinuousClock.now - idleSince > QEMUWatcher.idleExit {
                // Let go first, then look again: a client that starts a domain after the look finds the lock
                // free and starts a new watcher; one that started before it is seen here.
                lock.unlock()
                guard driver.store.runningNames().isEmpty else {
                    guard let again = try? FileLock.tryLock(paths.watcherLock) else { return 0 }
                    lock = again
                    continue
                }
                return 0
            }
            try? await Task.sleep(for: QEMUWatcher.scanInterval)
        }
    }

    /// Follows one QEMU process's events until it ends.
    func watch(_ name: String, _ status: QEMUDomainStatus) async {
        let client: QMPClient
        do {
            client = try await QMPClient.connect(socketPath: paths.eventMonitor(name), timeout: .seconds(10))
        } catch {
            // A QEMU started before SwiftVirt had watchers has no event monitor: tend it when it ends.
            await tend(name, .catchUp)
            while ProcessControl.isAlive(status.pid, startTime: status.startTime) {
                try? await Task.sleep(for: .seconds(1))
            }
            await tend(name, .gone)
            return
        }
        await tend(name, .catchUp)
        for await event in client.events {
            if let signal = QEMUGuestSignal(event) { await tend(name, signal) }
        }
        await client.close()
        await tend(name, .gone)
    }

    private func tend(_ name: String, _ signal: QEMUGuestSignal) async {
        do throws(VirtError) {
            try await driver.tend(named: name, signal: signal)
        } catch {
            QEMUWatcher.report("domain '\(name)': \(error.message)")
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
