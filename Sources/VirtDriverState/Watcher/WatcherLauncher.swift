import Synchronization
import VirtDriver
import VirtOS
#if canImport(Glibc)
import Glibc
#endif

/// Starts a driver instance's watcher (`swiftvirt-watch URI`) unless one holds its lock. Drivers call it
/// when a domain starts, when events are subscribed, and whenever they find a running domain, so a watcher
/// that was killed is replaced by the next call. It never waits for the watcher and never fails the call: a
/// host without the executable gets a warning once, and guests are then tended at the next call only.
/// Since it is asked for every running domain a call reads, it looks at the lock at most once per
/// ``recheckInterval``: a killed watcher is replaced by a call that much later at most. A start always
/// looks (`recheck`): a watcher leaving as the domain starts is then either seen leaving or sees the domain.
///
/// A daemon that hosts the drivers (virtd) is the watcher itself (``watchInProcess(_:)``): the same loop
/// runs as a task of the daemon, under the same lock, so there is no second process; when the daemon stops
/// it hands over to `swiftvirt-watch` processes (``handOverToWatcherProcesses()``), and if it is killed the
/// next client starts one, as for any watcher that died.
public final class WatcherLauncher: Sendable {
    /// The driver instance's URI, as the watcher opens it.
    public let uri: String
    public let lockPath: String
    /// Where the watcher's output goes.
    public let logPath: String
    /// When the lock was last found held.
    private let lastSeen = Mutex<ContinuousClock.Instant?>(nil)

    public static let recheckInterval: Duration = .seconds(1)

    public init(uri: String, paths: some DomainStatePaths) {
        self.uri = uri
        self.lockPath = paths.watcherLock
        self.logPath = "\(paths.log)/watcher.log"
    }

    /// Returns whether a watcher runs or is on its way (false: none can be had here).
    @discardableResult
    public func ensureRunning(recheck: Bool = false) -> Bool {
        let now = ContinuousClock.now
        if !recheck, let seen = lastSeen.withLock({ $0 }), now - seen < Self.recheckInterval { return true }
        guard !FileLock.isHeld(lockPath) else {
            lastSeen.withLock { $0 = now }
            return true
        }
        if InProcessWatchers.shared.start(self) { return true }
        return spawnProcess()
    }

    /// Starts `swiftvirt-watch URI` detached; false when it cannot be had.
    @discardableResult
    func spawnProcess() -> Bool {
        guard let executable = WatcherExecutable.path else {
            WatcherExecutable.warnMissingOnce()
            return false
        }
        do throws(SystemCallError) {
            // The launcher mode starts the real watcher detached and exits at once: the watcher is never
            // this process's child (no zombie, and it outlives us).
            let pid = try ProcessLauncher.spawn(executable, ["--detach", uri], options: .init(logPath: logPath, newSession: true))
            Task.detached { _ = await ProcessLauncher.waitForExit(pid, timeout: .seconds(30)) }
            return true
        } catch {
            Warnings.shared.record("cannot start the domain watcher '\(executable)': \(error)")
            return false
        }
    }
}

extension DomainStatePaths {
    /// Held by the one watcher of this driver instance (``DriverWatcher``).
    public var watcherLock: String { "\(run)/watcher.lock" }
}

extension WatcherLauncher {
    /// Makes this process the watcher of every driver instance it opens: `run` is the watcher loop of a URI
    /// (`QEMUWatcher.run(uri:)`, `XenWatcher.run()`), run as a task here instead of in `swiftvirt-watch`.
    public static func watchInProcess(_ run: @escaping @Sendable (_ uri: String) async -> Int32) {
        InProcessWatchers.shared.enable(run)
    }

    /// Whether this process runs its watchers itself (it then keeps its own warnings and logs).
    public static var watchesInProcess: Bool { InProcessWatchers.shared.isEnabled }

    /// Stops the watcher loops this process runs and starts `swiftvirt-watch` for each instance they
    /// watched, so that guests stay watched after the daemon is gone (a watcher with nothing to watch leaves
    /// after its idle time).
    public static func handOverToWatcherProcesses() async {
        for launcher in await InProcessWatchers.shared.stopAll() { launcher.spawnProcess() }
    }
}

/// The watcher loops a daemon runs as its own tasks, by instance.
final class InProcessWatchers: Sendable {
    static let shared = InProcessWatchers()

    private struct State: Sendable {
        var run: (@Sendable (String) async -> Int32)?
        var stopping = false
        var loops: [Int: (launcher: WatcherLauncher, task: Task<Int32, Never>)] = [:]
        var nextID = 0
    }

    private let state = Mutex(State())

    var isEnabled: Bool { state.withLock { $0.run != nil } }

    func enable(_ run: @escaping @Sendable (String) async -> Int32) {
        state.withLock { $0.run = run }
    }

    /// Starts `launcher`'s loop as a task; false when this process does not run watchers itself. Two loops
    /// of one instance at once are harmless: the second finds the lock taken and ends at once.
    func start(_ launcher: WatcherLauncher) -> Bool {
        state.withLock { state in
            guard let run = state.run else { return false }
            guard !state.stopping else { return true }
            let id = state.nextID
            state.nextID += 1
            let task = Task.detached { [weak self] in
                let status = await run(launcher.uri)
                self?.state.withLock { _ = $0.loops.removeValue(forKey: id) }
                return status
            }
            state.loops[id] = (launcher, task)
            return true
        }
    }

    /// Cancels every loop and waits for them to let their locks go; returns the instances they watched.
    func stopAll() async -> [WatcherLauncher] {
        let loops = state.withLock { state in
            state.stopping = true
            return Array(state.loops.values)
        }
        for loop in loops { loop.task.cancel() }
        for loop in loops { _ = await loop.task.value }
        var seen = Set<String>()
        return loops.map(\.launcher).filter { seen.insert($0.uri).inserted }
    }
}

/// Where `swiftvirt-watch` is: `$SWIFTVIRT_WATCH`; beside the running program (virsh, virtd, a test
/// runner); beside the library that holds this code (SwiftVirt's libvirt.so in a C program), or in its
/// `../libexec/swiftvirt`; then `/usr/local/libexec/swiftvirt`, `/usr/libexec/swiftvirt` and PATH.
enum WatcherExecutable {
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
