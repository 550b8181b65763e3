import VirtDriver
import VirtDriverState
import VirtOS

/// The watcher of xen:/// (``DriverWatcher``'s loop under `/run/swiftvirt/xen/watcher.lock`): Xen keeps a
/// guest that powered off, crashed or rebooted as "shutdown" until a toolstack acts, so the watcher looks at
/// every recorded domain a few times a second and lets the driver tend the ones that stopped, exactly as
/// the next call would (``XenDriver/record(named:)``: destroy, or destroy and build again, as the domain's
/// `<on_*>` elements say, under its lock, recording the events). It keeps nothing of its own.
public enum XenWatcher {
    /// How often Xen is asked: a dead domain is gone from `xl list` within this (plus the destroy).
    static let scanInterval: Duration = .milliseconds(200)

    public static func run() async -> Int32 {
        let driver: XenDriver
        do throws(VirtError) {
            let uri = try ConnectURI(parsing: "xen:///system")
            let toolstack = try LibXLToolstack.open(logPath: XenPaths.system.libxlLog)
            driver = try XenDriver(uri: uri, paths: .system, toolstack: toolstack)
        } catch {
            DriverWatcher.report("cannot open xen:///system: \(error.message)")
            return 1
        }
        var lastSweep = ContinuousClock.now
        return await DriverWatcher.run(paths: driver.paths, scanInterval: scanInterval) {
            let running = driver.store.runningNames()
            for name in running {
                do throws(VirtError) {
                    _ = try await driver.record(named: name)
                } catch {
                    DriverWatcher.report("domain '\(name)': \(error.message)")
                }
            }
            // A build in progress, or one whose builder died and is not reaped yet, keeps the watcher as a
            // running domain does (a watcher that left first would leave the half-built domain to the next call).
            var launching = 0
            for name in driver.paths.names(in: "\(driver.paths.run)/launching") {
                await driver.reapOrphanedLaunch(named: name)
                if Paths.exists(driver.paths.launchMarker(name)) { launching += 1 }
            }
            driver.removeStaleStartClaims()
            if ContinuousClock.now - lastSweep > DriverWatcher.orphanSweepInterval {
                await driver.removeOrphanedDomainLocks()
                lastSweep = ContinuousClock.now
            }
            return running.count + launching
        }
    }
}
