import Synchronization
import VirtDriver
import VirtOS
#if canImport(Glibc)
import Glibc
#endif

extension QEMUDriver {
    /// Starts this driver instance's watcher (`swiftvirt-watch`) unless one holds its lock. Called when a
    /// domain starts, when events are subscribed, and whenever a running domain is looked at, so a watcher
    /// that was killed is replaced by the next call. Never waits for the watcher and never fails the call:
    /// a host without the executable gets a warning once, and guest power-offs are then handled late.
    func ensureWatcher() {
        guard !FileLock.isHeld(paths.watcherLock) else { return }
        guard let executable = QEMUWatcherExecutable.path else {
            QEMUWatcherExecutable.warnMissingOnce()
            return
        }
        do throws(SystemCallError) {
            // The launcher mode starts the real watcher detached and exits at once: the watcher is never
            // this process's child (no zombie, and it outlives us).
            let pid = try ProcessLauncher.spawn(
                executable, ["--detach", uri.description],
                options: .init(logPath: "\(paths.log)/watcher.log", newSession: true))
            Task.detached { _ = await ProcessLauncher.waitForExit(pid, timeout: .seconds(30)) }
        } catch {
            Warnings.shared.record("cannot start the domain watcher '\(executable)': \(error)")
        }
    }

    func connectDomainEvents() async throws(VirtError) -> AsyncStream<DomainEvent> {
        // Guests acting by themselves produce events only while a watcher runs.
        if !store.runningNames().isEmpty { ensureWatcher() }
        return events.follow()
    }
}

/// Where `swiftvirt-watch` is: `$SWIFTVIRT_WATCH`; beside the running program (virsh, virtd, a test
/// runner); beside the library that holds this code (SwiftVirt's libvirt.so in a C program), or in its
/// `../libexec/swiftvirt`; then `/usr/local/libexec/swiftvirt`, `/usr/libexec/swiftvirt` and PATH.
enum QEMUWatcherExecutable {
    static let name = "swiftvirt-watch"

    static let path: String? = {
        if let explicit = getenv("SWIFTVIRT_WATCH").map({ String(cString: $0) }), !explicit.isEmpty {
            return access(explicit, X_OK) == 0 ? explicit : nil
        }
        var directories: [String] = []
        if let program = try? Paths.resolveLink("/proc/self/exe") { directories.append(Paths.directory(of: program)) }
        if let image = Paths.image(containing: #dsohandle) {
            let library = Paths.directory(of: image)
            directories += [library, library + "/../libexec/swiftvirt"]
        }
        directories += ["/usr/local/libexec/swiftvirt", "/usr/libexec/swiftvirt"]
        directories += (getenv("PATH").map { String(cString: $0) } ?? "").split(separator: ":").map(String.init)
        return directories.map { "\($0)/\(name)" }.first { access($0, X_OK) == 0 }
    }()

    private static let warned = Atomic<Bool>(false)

    static func warnMissingOnce() {
        guard !warned.exchange(true, ordering: .relaxed) else { return }
        Warnings.shared.record(
            "\(name) was not found (set SWIFTVIRT_WATCH to its path): guests that power off, reboot or crash by themselves are handled only at the next call, and produce no events")
    }
}
