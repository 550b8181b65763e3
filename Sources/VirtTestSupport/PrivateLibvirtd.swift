import FoundationEssentials
import Glibc

/// A fresh libvirtd 9.0 of the test's own (shared reference "private-libvirtd.md"): its own socket directory,
/// in a private mount and network namespace with tmpfs over libvirt's state directories, never the system
/// daemon. `unshare` and `bash` exec, so the started pid is libvirtd's own (SIGSTOP reaches the daemon).
public final class PrivateLibvirtd: Sendable {
    public static let binary = "/usr/sbin/libvirtd"
    public static var isAvailable: Bool { geteuid() == 0 && access(binary, X_OK) == 0 && access("/usr/bin/unshare", X_OK) == 0 }

    public let directory: String
    public let process: ProcessRunner.Running

    public var socket: String { directory + "/libvirt-sock" }
    /// test:///default through this daemon.
    public var testURI: String { "test+unix:///default?socket=\(socket)" }

    /// `settings` are extra libvirtd.conf lines (replacing the defaults they name); `listen` adds `--listen` and keeps the host's network namespace
    /// (a TLS or TCP listener the test process itself can reach on 127.0.0.1).
    public init(settings: [String] = [], listen: Bool = false) async throws {
        directory = "/tmp/swiftvirt-remote-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // A setting replaces a default of the same key (libvirtd takes the first of two).
        let keys = Set(settings.compactMap { $0.split(separator: "=").first?.trimmingCharacters(in: .whitespaces) })
        let defaults = [
            "unix_sock_dir = \"\(directory)\"", "unix_sock_rw_perms = \"0777\"", "auth_unix_rw = \"none\"", "auth_unix_ro = \"none\"",
        ].filter { !keys.contains($0.split(separator: "=")[0].trimmingCharacters(in: .whitespaces)) }
        let config = (defaults + settings).joined(separator: "\n")
        try config.write(toFile: directory + "/libvirtd.conf", atomically: true, encoding: .utf8)
        let script = """
            mount -t tmpfs tmpfs /run; mkdir -p /run/libvirt; mount -t tmpfs tmpfs /var/lib/libvirt
            mount -t tmpfs tmpfs /var/cache/libvirt
            mount -t tmpfs tmpfs /etc/libvirt/qemu/networks/autostart 2>/dev/null; ip link set lo up
            exec \(Self.binary) \(listen ? "--listen " : "")-f \(directory)/libvirtd.conf -p \(directory)/libvirtd.pid
            """
        process = try ProcessRunner.start("/usr/bin/unshare", [listen ? "-m" : "-mn", "--propagation", "private", "bash", "-c", script])
        for _ in 0..<100 where access(directory + "/libvirt-sock", F_OK) != 0 {
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    public func signal(_ number: Int32) { kill(process.pid, number) }

    /// SIGKILL: its state is tmpfs in its own namespace and goes with it.
    public func stop() async {
        kill(process.pid, SIGKILL)
        _ = await process.wait()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
