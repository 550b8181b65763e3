import Foundation
import VirtOS
import VirtTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A `virtd` started by a test: its own socket directory and configuration under a fresh temporary
/// directory, stopped with SIGTERM (and its directory removed) by `stop()`.
final class RunningDaemon: Sendable {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `swift test` builds every product next to the test binary.
    static let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("virtd").path

    let directory: String
    let process: ProcessRunner.Running

    var socket: String { directory + "/libvirt-sock" }
    var readOnlySocket: String { directory + "/libvirt-sock-ro" }

    /// The URI Debian's clients use to reach this daemon's `driverURI` ("test:///default").
    func uri(_ driverURI: String = "test:///default", readOnly: Bool = false) -> String {
        let split = driverURI.split(separator: ":", maxSplits: 1)
        let rest = String(split[1])
        let separator = rest.contains("?") ? "&" : "?"
        return "\(split[0])+unix:\(rest)\(separator)socket=\(readOnly ? readOnlySocket : socket)"
    }

    /// Starts virtd with `settings` (libvirtd.conf lines) added to its socket directory setting.
    static func start(
        settings: [String] = [], arguments: [String] = [], environment: [String: String]? = nil, in existing: String? = nil
    ) async throws -> RunningDaemon {
        let directory = existing ?? NSTemporaryDirectory() + "virtd-test-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let config = ["unix_sock_dir = \"\(directory)\"", "unix_sock_rw_perms = \"0700\""] + settings
        try (config.joined(separator: "\n") + "\n").write(toFile: directory + "/virtd.conf", atomically: true, encoding: .utf8)
        let process = try ProcessRunner.start(executable, ["-f", directory + "/virtd.conf"] + arguments, environment: environment)
        let daemon = RunningDaemon(directory: directory, process: process)
        for _ in 0..<200 {
            // Answering, not merely there: a daemon killed in this directory leaves its socket files.
            if Self.answers(daemon.readOnlySocket) { return daemon }
            if !process.isRunning {
                let result = await process.wait()
                if existing == nil { try? FileManager.default.removeItem(atPath: directory) }
                throw StartFailure(description: "virtd exited with \(result.status): \(result.error)")
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        _ = await daemon.stop()
        throw StartFailure(description: "virtd did not create its sockets in 5 s")
    }

    /// Whether something accepts connections on the unix socket at `path`.
    static func answers(_ path: String) -> Bool {
        guard let descriptor = UnixSocketAddress.connect(path) else { return false }
        close(descriptor)
        return true
    }

    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    private init(directory: String, process: ProcessRunner.Running) {
        self.directory = directory
        self.process = process
    }

    /// SIGTERM, then waits for the exit; returns what virtd printed and its status.
    /// kill -9: the daemon gets no chance to clean up (its socket files stay).
    func kill9() async {
        kill(process.pid, SIGKILL)
        _ = await process.wait()
    }

    @discardableResult
    func stop() async -> ProcessRunner.Result {
        if process.isRunning { kill(process.pid, SIGTERM) }
        let result = await process.wait()
        try? FileManager.default.removeItem(atPath: directory)
        return result
    }
}
