import VirtDriver
import VirtOS

/// Serialises changes to one domain across threads and processes: a flock on `<run>/<uuid>.lock`, taken
/// without ever blocking a thread (tries with async back-off). The kernel releases it if the holder dies.
enum XenDomainLock {
    /// How long an operation waits for another one on the same domain: a save or a reboot under TCG can
    /// take most of a minute.
    static let timeoutNanoseconds: UInt64 = 120_000_000_000

    static func withLock<R>(
        _ path: String, what: String, _ body: () async throws(VirtError) -> R
    ) async throws(VirtError) -> R {
        let lock: FileLock?
        do {
            lock = try await FileLock.acquire(path, timeoutNanoseconds: timeoutNanoseconds)
        } catch let error as SystemCallError {
            throw VirtError.system(error.errno, "cannot lock '\(path)'", domain: .libxl)
        } catch {
            throw VirtError(.operationAborted, .libxl, "waiting for the lock of \(what) was cancelled")
        }
        guard let lock else {
            throw VirtError(.operationTimeout, .libxl, "cannot acquire state change lock for \(what): another operation holds it")
        }
        defer { lock.unlock() }
        return try await body()
    }
}
