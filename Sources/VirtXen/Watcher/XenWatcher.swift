import VirtDriver
import VirtDriverState

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
        return await DriverWatcher.run(lockPath: driver.paths.watcherLock, scanInterval: scanInterval) {
            let running = driver.store.runningNames()
            for name in running {
                do throws(VirtError) {
                    _ = try await driver.record(named: name)
                } catch {
                    DriverWatcher.report("domain '\(name)': \(error.message)")
                }
            }
            for name in driver.paths.names(in: driver.paths.run, withSuffix: ".launching") {
                await driver.reapOrphanedLaunch(named: name, holdingLock: false)
            }
            driver.removeStaleStartClaims()
            return running.count
        }
    }
}
