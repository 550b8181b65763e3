import VirtDriver
import VirtDriverState

extension XenDriver {
    /// Starts xen:///'s watcher unless one runs (``WatcherLauncher``).
    func ensureWatcher() {
        watcher?.ensureRunning()
    }

    /// Records an event for every subscriber on the host, while the change's lock is still held.
    func emit(_ domain: DomainRef, _ body: DomainEvent.Body) {
        events.append(DomainEvent(domain, body))
    }

    func emit(_ domain: DomainRef, _ lifecycle: DomainLifecycleEvent) {
        emit(domain, .lifecycle(lifecycle))
    }

    func connectDomainEvents() async throws(VirtError) -> AsyncStream<DomainEvent> {
        // Guests acting by themselves produce events only while a watcher runs.
        if !store.runningNames().isEmpty { ensureWatcher() }
        return events.follow()
    }
}
