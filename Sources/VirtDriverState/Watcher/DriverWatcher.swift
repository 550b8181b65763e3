import VirtDriver
import VirtOS
#if canImport(Glibc)
import Glibc
#endif

/// The loop of a driver instance's watcher (`swiftvirt-watch`), the same for every daemonless driver: hold
/// the instance's watcher lock, look at the running domains every `scanInterval` (the driver's `scan` does
/// its watching and returns how many run), and leave once none has run for `idleExit`.
///
/// The lock makes a second watcher impossible and a killed one replaceable (``WatcherLauncher``). Leaving is
/// "unlock, then look again": a client that starts a domain after that look finds the lock free and starts a
/// new watcher, and a domain started before it is seen here, so no domain is ever left unwatched.
public enum DriverWatcher {
    public static func run(
        lockPath: String, scanInterval: Duration, idleExit: Duration = .seconds(10),
        scan: () async -> Int
    ) async -> Int32 {
        var lock: FileLock
        do {
            guard let taken = try FileLock.tryLock(lockPath) else { return 0 }  // another one watches
            lock = taken
        } catch {
            report("cannot lock '\(lockPath)': \(error)")
            return 1
        }
        var idleSince = ContinuousClock.now
        while true {
            if await scan() > 0 { idleSince = ContinuousClock.now }
            if ContinuousClock.now - idleSince > idleExit {
                lock.unlock()
                guard await scan() > 0, let again = try? FileLock.tryLock(lockPath) else { return 0 }
                lock = again
                idleSince = ContinuousClock.now
            }
            try? await Task.sleep(for: scanInterval)
        }
    }

    /// A line on the watcher's log (its standard error, `<log dir>/watcher.log`).
    public static func report(_ message: String) {
        var line = "swiftvirt-watch: \(message)\n"
        line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}
