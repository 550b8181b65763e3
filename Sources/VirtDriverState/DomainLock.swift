import VirtDriver
import VirtOS

/// Serialises changes to one domain (or to a driver's names and UUIDs) across threads and processes: a
/// flock on a file in the run directory, taken without ever blocking a thread (tries with async back-off).
/// The kernel releases it if the holder dies.
public struct DomainLock: Sendable {
    public let errorDomain: ErrorDomain
    /// How long an operation waits for another one before giving up.
    public let timeoutNanoseconds: UInt64

    public init(errorDomain: ErrorDomain, timeoutNanoseconds: UInt64) {
        self.errorDomain = errorDomain
        self.timeoutNanoseconds = timeoutNanoseconds
    }

    /// Runs `body` holding domain `name`'s lock (by UUID, in `store`'s run directory). A domain gone
    /// afterwards (destroyed while transient, undefined while inactive, never created, or refused because
    /// its name belongs to another UUID) takes its lock file with it.
    public func withDomainLock<R>(
        _ store: some DomainStateStore, uuid: String, name: String, _ body: (DomainLockHold) async throws(VirtError) -> R
    ) async throws(VirtError) -> R {
        try await withLock(store.paths.domainLock(uuid), what: "domain '\(name)'",
                           removingFileIf: { !store.hasDomain(named: name, uuid: uuid) }) { () async throws(VirtError) -> R in
            try await Self.holding(uuid) { () async throws(VirtError) -> R in try await body(DomainLockHold(uuid: uuid)) }
        }
    }

    /// The domains (by lowercased UUID) whose locks the current task holds: a reader that finds a domain's
    /// lock taken learns whether its own operation holds it or another one does (which is then finishing a
    /// change the reader must not report half-done). Code handed a ``DomainLockHold`` asks it instead.
    @TaskLocal private static var heldByCurrentTask: Set<String> = []

    public static func isHeldByCurrentTask(_ uuid: String) -> Bool {
        heldByCurrentTask.contains(uuid.lowercased())
    }

    /// The hold of domain `uuid`'s lock, if the current task holds it: for code that runs with the lock or
    /// without it and must act as the holder when it is one.
    public static func currentHold(of uuid: String) -> DomainLockHold? {
        isHeldByCurrentTask(uuid) ? DomainLockHold(uuid: uuid) : nil
    }

    private static func holding<R>(_ uuid: String, _ body: () async throws(VirtError) -> R) async throws(VirtError) -> R {
        do {
            return try await $heldByCurrentTask.withValue(heldByCurrentTask.union([uuid.lowercased()])) { try await body() }
        } catch let error as VirtError {
            throw error
        } catch {
            throw VirtError(.internalError, .none, "\(error)")  // body throws only VirtError
        }
    }

    /// Runs `body` holding domain `name`'s lock if nobody holds it now; nil (without waiting) if somebody
    /// does: that holder deals with the domain. For readers and the watcher, which tend a domain whose
    /// client died only when no operation is under way.
    public func withDomainLockIfFree<R>(
        _ store: some DomainStateStore, uuid: String, name: String, _ body: (DomainLockHold) async throws(VirtError) -> R
    ) async throws(VirtError) -> R? {
        guard let lock = try? FileLock.tryLock(store.paths.domainLock(uuid)) else { return nil }
        defer { store.hasDomain(named: name, uuid: uuid) ? lock.unlock() : lock.unlockRemovingFile() }
        return try await Self.holding(uuid) { () async throws(VirtError) -> R in try await body(DomainLockHold(uuid: uuid)) }
    }

    /// ``withDomainLockIfFree(_:uuid:name:_:)`` for finishing what a dead client left (`what`: "the
    /// unfinished save"): whether `body` finished it; its failure is a warning (``Warnings``), as a reader
    /// or the watcher has no caller to tell.
    public func finishIfFree(
        _ store: some DomainStateStore, uuid: String, name: String, what: String,
        _ body: (DomainLockHold) async throws(VirtError) -> Bool
    ) async -> Bool {
        let finished = try? await withDomainLockIfFree(store, uuid: uuid, name: name) { (held) async throws(VirtError) -> Bool in
            do throws(VirtError) {
                return try await body(held)
            } catch {
                Warnings.shared.record("cannot finish \(what) of domain '\(name)': \(error.message)")
                return false
            }
        }
        return finished == true
    }

    /// Runs `body` holding the lock at `path`; `what` names what is locked in errors. The file is removed
    /// as the lock is let go if `removingFileIf` says so.
    public func withLock<R>(
        _ path: String, what: String, removingFileIf remove: () -> Bool = { false },
        _ body: () async throws(VirtError) -> R
    ) async throws(VirtError) -> R {
        let lock: FileLock?
        do {
            lock = try await FileLock.acquire(path, timeoutNanoseconds: timeoutNanoseconds)
        } catch let error as SystemCallError {
            throw VirtError.system(error.errno, "cannot lock '\(path)'", domain: errorDomain)
        } catch {
            throw VirtError(.operationAborted, errorDomain, "waiting for the lock of \(what) was cancelled")
        }
        guard let lock else {
            throw VirtError(.operationTimeout, errorDomain, "cannot acquire state change lock for \(what): another operation holds it")
        }
        defer { remove() ? lock.unlockRemovingFile() : lock.unlock() }
        return try await body()
    }
}
