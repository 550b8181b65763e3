import Foundation
import Testing
import VirtOS
import VirtTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// virtd as systemd runs it, without a running systemd: the shipped units pass `systemd-analyze verify`,
/// sockets handed over as systemd's socket activation hands them (`systemd-socket-activate`, the same
/// LISTEN_FDS protocol) serve Debian's virsh with the "-ro" one read-only, and Type=notify's readiness
/// datagram arrives once the daemon serves.
@Suite("virtd under systemd's protocols")
struct SystemdTests {
    static let units = RunningDaemon.packageRoot.appendingPathComponent("dist/systemd").path

    private static func scratch() throws -> String {
        let directory = NSTemporaryDirectory() + "virtd-systemd-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test("virtd.service, virtd.socket and virtd-ro.socket pass systemd-analyze verify")
    func unitsVerify() async throws {
        let analyze = try #require(ProcessRunner.which("systemd-analyze"), "systemd-analyze (package systemd) is needed")
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var files: [String] = []
        for name in ["virtd.service", "virtd.socket", "virtd-ro.socket"] {
            // The installed path (/usr/local/sbin/virtd) is the built binary here, so the check can run it.
            let text = try String(contentsOfFile: "\(Self.units)/\(name)", encoding: .utf8)
                .replacingOccurrences(of: "/usr/local/sbin/virtd", with: RunningDaemon.executable)
            try text.write(toFile: "\(directory)/\(name)", atomically: true, encoding: .utf8)
            files.append("\(directory)/\(name)")
        }
        let result = try await ProcessRunner.run(analyze, ["verify"] + files)
        #expect(result.status == 0 && result.error.isEmpty, "\(result.output)\(result.error)")
    }

    @Test("socket-activated: systemd's two sockets serve Debian's virsh, the -ro one read-only; no socket of its own")
    func socketActivation() async throws {
        let activate = try #require(ProcessRunner.which("systemd-socket-activate"), "systemd-socket-activate (package systemd) is needed")
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Its configured socket directory is elsewhere: sockets there would mean it did not use systemd's.
        let own = directory + "/own"
        try FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: true)
        try "unix_sock_dir = \"\(own)\"\n".write(toFile: directory + "/virtd.conf", atomically: true, encoding: .utf8)
        let socket = directory + "/libvirt-sock", readOnly = directory + "/libvirt-sock-ro"
        // It listens on both and execs virtd with them (LISTEN_FDS=2) at the first connection.
        let process = try ProcessRunner.start(activate, ["-l", socket, "-l", readOnly, RunningDaemon.executable, "-f", directory + "/virtd.conf"])
        defer { if process.isRunning { kill(process.pid, SIGKILL) } }
        for _ in 0..<200 where !(FileManager.default.fileExists(atPath: readOnly) && RunningDaemon.answers(readOnly)) {
            try await Task.sleep(for: .milliseconds(25))
        }
        func virsh(_ path: String, _ command: String) async throws -> ProcessRunner.Result {
            try await ProcessRunner.run("/usr/bin/virsh", ["-c", "test+unix:///default?socket=\(path)", command])
        }
        let listed = try await virsh(socket, "list --name")
        #expect(listed.status == 0 && listed.output == "test\n\n", "\(listed.output)\(listed.error)")
        let refused = try await virsh(readOnly, "destroy test")
        #expect(refused.status == 1 && refused.error.contains("operation forbidden: read only access prevents virDomainDestroy"),
                "\(refused.output)\(refused.error)")
        let read = try await virsh(readOnly, "domstate test")
        #expect(read.output == "running\n\n", "\(read.output)\(read.error)")
        let ownSockets = try FileManager.default.contentsOfDirectory(atPath: own)
        #expect(ownSockets.isEmpty, "virtd made sockets of its own: \(ownSockets)")
        kill(process.pid, SIGTERM)
        let ended = await process.wait()
        #expect(ended.status == 0, "virtd's exit on SIGTERM: \(ended.status) \(ended.error)")
    }

    @Test("Type=notify: READY=1 reaches NOTIFY_SOCKET, and only once the daemon answers on its sockets")
    func readiness() async throws {
        let directory = try Self.scratch()
        let path = directory + "/notify"
        let listener = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        try #require(listener >= 0)
        defer { close(listener) }
        let bound = UnixSocketAddress.with(path) { bind(listener, $0, $1) == 0 }
        try #require(bound == true, "cannot bind \(path)")
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = path
        try "unix_sock_dir = \"\(directory)\"\n".write(toFile: directory + "/virtd.conf", atomically: true, encoding: .utf8)
        let process = try ProcessRunner.start(RunningDaemon.executable, ["-f", directory + "/virtd.conf"], environment: environment)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var wait = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(listener, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = recv(listener, &buffer, buffer.count, 0)
        let message = count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self) : "nothing (errno \(errno))"
        // Ready means serving: both sockets answer the moment the datagram is there.
        let answering = [directory + "/libvirt-sock", directory + "/libvirt-sock-ro"].map(RunningDaemon.answers)
        #expect(message == "READY=1")
        #expect(answering == [true, true])
        kill(process.pid, SIGTERM)
        let result = await process.wait()
        #expect(result.status == 0, "\(result.error)")
    }
}
