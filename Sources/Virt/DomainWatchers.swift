import VirtDriverState
import VirtQEMU
import VirtXen

/// Who watches running domains (docs/DESIGN.md): by default a `swiftvirt-watch` process per driver instance,
/// started by clients on demand. A daemon hosting the drivers (virtd) makes itself the watcher instead.
public enum DomainWatchers {
    /// From now on this process runs the watcher of every qemu:/// and xen:/// instance it opens, as a task.
    public static func watchInProcess() {
        WatcherLauncher.watchInProcess { uri in
            uri.hasPrefix("xen:") ? await XenWatcher.run() : await QEMUWatcher.run(uri: uri)
        }
    }

    /// Ends this process's watcher loops and starts `swiftvirt-watch` processes in their place, so guests
    /// stay watched once the process is gone.
    public static func handOver() async {
        await WatcherLauncher.handOverToWatcherProcesses()
    }
}
