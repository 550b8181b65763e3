import VirtDriver
import VirtOS
#if canImport(Glibc)
import Glibc
#endif

/// The loop of a driver instance's watcher (`swiftvirt-watch`), the same for every daemonless driver: hold
/// the instance's watcher lock, look at the running domains every `scanInterval` (the driver's `scan` does
/// its watching and returns how many run or are being launched), and leave once none has run, and no
/// domain's lock has been held, for `idleExit`.
///
/// The lock makes a second watcher impossible and a killed one replaceable (``WatcherLauncher``). Leaving is
/// "unlock, then look again": a client that starts a domain after that look finds the lock free and starts a
/// new watcher, and a start that began before it holds its domain's lock, which the look counts, so no
/// domain is ever left unwatched, even one whose starter dies before recording it.
///
/// A driver whose starts wait for the watcher (qemu:///) has it woken by new entries in its run directory
/// (`wakeOnEntries`), so a start waits for the watcher's next look only for milliseconds.
public enum DriverWatcher {
    /// How often a watcher removes what killed clients left that no operation would (orphaned domain locks):
    /// reading every definition is not free, and such litter is rare.
    public static let orphanSweepInterval: Duration = .seconds(2)

    public static func run(
        paths: some DomainStatePaths, scanInterval: Duration, idleExit: Duration = .seconds(10),
        wakeOnEntries: Bool = false, scan: () async -> Int
    ) async -> Int32 {
        let lockPath = paths.watcherLock
        func busy() async -> Bool { await scan() + paths.domainsBeingChanged() > 0 }
        var lock: FileLock
        do {
            guard let taken = try FileLock.tryLock(lockPath) else { return 0 }  // another one watches
            lock = taken
        } catch {
            report("cannot lock '\(lockPath)': \(error)")
            return 1
        }
        // What the driver would tell a user (a half-built domain destroyed, ...) goes to the watcher's log; a
        // daemon that is the watcher itself keeps its own.
        let ownProcess = !WatcherLauncher.watchesInProcess
        if ownProcess { Warnings.shared.setLogHandler { report($0) } }
        defer { if ownProcess { Warnings.shared.setLogHandler(nil) } }
        let changes = wakeOnEntries ? DirectoryChanges(paths.run) : nil
        var idleSince = ContinuousClock.now
        // Cancelled only where a daemon runs it (handing over as it stops).
        while !Task.isCancelled {
            if await busy() { idleSince = ContinuousClock.now }
            if ContinuousClock.now - idleSince > idleExit {
                lock.unlock()
                guard await busy(), let again = try? FileLock.tryLock(lockPath) else { return 0 }
                lock = again
                idleSince = ContinuousClock.now
            }
            if let changes {
                await changes.wait(timeout: scanInterval)
            } else {
                try? await Task.sleep(for: scanInterval)
            }
        }
        lock.unlock()
        return 0
    }

    /// A line on the watcher's log (its standard error, `<log dir>/watcher.log`).
    public static func report(_ message: String) {
        var line = "swiftvirt-watch: \(message)\n"
        line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}
