import VirtDriver
import VirtDriverState

extension QEMUDriver {
    /// Starts this instance's watcher unless one runs (``WatcherLauncher``).
    func ensureWatcher() {
        WatcherLauncher(uri: uri.description, paths: paths).ensureRunning()
    }

    func connectDomainEvents() async throws(VirtError) -> AsyncStream<DomainEvent> {
        // Guests acting by themselves produce events only while a watcher runs.
        if !store.runningNames().isEmpty { ensureWatcher() }
        return events.follow()
    }
}
