import VirtDriver
import VirtDriverState
import VirtOS
#if canImport(Glibc)
import Glibc
#endif

/// Where a qemu:/// driver instance keeps its state: the layout of ``DomainStatePaths`` (definitions,
/// live XML, status with pid, start time, id and state; locks), plus `<run>/<uuid>.monitor` (QMP socket),
/// `<run>/<uuid>.events` (the watcher's event-only QMP socket), `<run>/<name>.pid`, the id counter
/// `<run>/next-id` and QEMU's output `<log>/<name>.log`.
public struct QEMUPaths: DomainStatePaths, Hashable {
    public var config: String
    public var run: String
    public var log: String
    /// Where `<on_crash>coredump-*</on_crash>` writes guest cores (libvirt's auto_dump_path).
    public var dump: String

    public init(config: String, run: String, log: String, dump: String) {
        self.config = config
        self.run = run
        self.log = log
        self.dump = dump
    }

    /// qemu:///system: root only, under SwiftVirt's own system directories.
    public static let system = QEMUPaths(
        config: "/etc/swiftvirt/qemu", run: "/run/swiftvirt/qemu", log: "/var/log/swiftvirt/qemu",
        dump: "/var/lib/swiftvirt/qemu/dump")

    /// qemu:///session: the user's XDG directories.
    public static func session(environment: [String: String]) -> QEMUPaths {
        let home = environment["HOME"] ?? "/tmp"
        let config = (environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config") + "/swiftvirt/qemu"
        let state = (environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state") + "/swiftvirt/qemu"
        let runtime = environment["XDG_RUNTIME_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            .map { $0 + "/swiftvirt/qemu" } ?? state + "/run"
        return QEMUPaths(config: config, run: runtime, log: state + "/log", dump: state + "/dump")
    }

    /// qemu:///embed?root=DIR: everything under DIR (tests, embedding applications).
    public static func embedded(root: String) -> QEMUPaths {
        QEMUPaths(config: root + "/etc/qemu", run: root + "/run/qemu", log: root + "/log/qemu", dump: root + "/dump/qemu")
    }

    /// QMP sockets are named by UUID: a socket's path must fit `sun_path` (108 bytes), a name need not.
    func monitor(uuid: String) -> String { "\(run)/\(uuid.lowercased()).monitor" }
    /// The watcher's event-only QMP monitor.
    func eventMonitor(uuid: String) -> String { "\(run)/\(uuid.lowercased()).events" }
    /// Made by the watcher once QEMU sends it this QEMU's events (its QMP session is past negotiation): a
    /// start lets the guest's CPUs run only then, so nothing the guest does is unheard.
    func watchedMark(uuid: String) -> String { "\(run)/\(uuid.lowercased()).watched" }
    /// What one QEMU process has in the run directory by its domain's UUID, gone when it ends.
    func processFiles(uuid: String) -> [String] { [monitor(uuid: uuid), eventMonitor(uuid: uuid), watchedMark(uuid: uuid)] }
    func pidFile(_ name: String) -> String { "\(run)/\(DomainFileName.stem(name)).pid" }

    func logFile(_ name: String) -> String { "\(log)/\(DomainFileName.stem(name)).log" }
    var idCounter: String { "\(run)/next-id" }

    /// Unix socket paths are limited to 107 bytes; say so clearly rather than fail later inside QEMU.
    func checkSocketPath(uuid: String) throws(VirtError) {
        let path = monitor(uuid: uuid)  // the longest of the sockets (".events" is shorter)
        if path.utf8.count > 107 {
            throw VirtError(.configUnsupported, .qemu,
                            "monitor socket path '\(path)' is longer than the 107 bytes a unix socket allows; use a shorter state directory")
        }
    }
}
