import Foundation
import Testing
import VirtTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// virtd as an operator meets it: sockets, refusals at start, SIGTERM, --timeout, many clients at once.
@Suite("virtd as a process", .serialized)
struct ServerTests {
    @Test("sockets get the configured modes; SIGTERM exits 0 and removes them")
    func socketsAndTermination() async throws {
        let daemon = try await RunningDaemon.start(settings: ["unix_sock_ro_perms = \"0777\""])
        var status = stat()
        #expect(stat(daemon.socket, &status) == 0 && status.st_mode & 0o777 == 0o700)
        #expect(stat(daemon.readOnlySocket, &status) == 0 && status.st_mode & 0o777 == 0o777)
        let directory = daemon.directory
        kill(daemon.process.pid, SIGTERM)
        let result = await daemon.process.wait()
        #expect(result.status == 0, "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/libvirt-sock"))
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test("a second daemon on the same sockets refuses to start, naming the socket; a stale socket is replaced")
    func liveAndStaleSockets() async throws {
        let daemon = try await RunningDaemon.start()
        let second = try await ProcessRunner.run(RunningDaemon.executable, ["-f", daemon.directory + "/virtd.conf"])
        #expect(second.status == 1)
        #expect(second.error.contains("Failed to bind socket to '\(daemon.socket)'"), "\(second.error)")
        // kill -9 leaves the socket files behind; the next daemon must take them over.
        kill(daemon.process.pid, SIGKILL)
        _ = await daemon.process.wait()
        #expect(FileManager.default.fileExists(atPath: daemon.socket))
        let next = try ProcessRunner.start(RunningDaemon.executable, ["-f", daemon.directory + "/virtd.conf", "-t", "1"])
        let result = await next.wait()
        #expect(result.status == 0, "\(result.error)")
        try? FileManager.default.removeItem(atPath: daemon.directory)
    }

    @Test("a bad configuration stops virtd at once, naming file, line and key")
    func badConfiguration() async throws {
        let path = NSTemporaryDirectory() + "virtd-bad-\(UUID().uuidString.prefix(8)).conf"
        try "listen_tls = 0\nmax_clinets = 5\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try await ProcessRunner.run(RunningDaemon.executable, ["-f", path])
        #expect(result.status == 1)
        #expect(result.error == "virtd: Can't load config file: \(path):2: unknown parameter 'max_clinets'\n")
    }

    @Test("--timeout: exits 0 after that many seconds without a client")
    func timeout() async throws {
        let daemon = try await RunningDaemon.start(arguments: ["-t", "1"])
        let started = ContinuousClock.now
        let result = await daemon.process.wait()
        #expect(result.status == 0)
        #expect(ContinuousClock.now - started < .seconds(10))
        try? FileManager.default.removeItem(atPath: daemon.directory)
    }

    @Test("100 clients at once, 1,000 calls each through Debian's python3-libvirt, every answer checked")
    func concurrentClients() async throws {
        let daemon = try await RunningDaemon.start(settings: ["max_clients = 200"])
        let script = RunningDaemon.packageRoot.appendingPathComponent("Tests/VirtDaemonTests/Fixtures/load/concurrent.py").path
        let outcome = try await ProcessRun.run("/usr/bin/python3", arguments: [script, daemon.uri(), "100", "1000"],
                                               timeout: .seconds(300))
        let log = await daemon.stop()
        #expect(outcome.status == 0, "\(outcome.outputText)\(outcome.errorText)")
        #expect(outcome.outputText.hasSuffix("100000 passed, 0 failed\n"), "\(outcome.outputText)")
        #expect(log.status == 0, "\(log.error)")
    }
}

extension ServerTests {
    @Test("garbage is disconnected and floods slow only the flooder (a libvirt client keeps its pace)")
    func hostileClients() async throws {
        let daemon = try await RunningDaemon.start()
        let script = RunningDaemon.packageRoot.appendingPathComponent("Tests/VirtDaemonTests/Fixtures/load/hostile.py").path
        let outcome = try await ProcessRun.run(
            "/usr/bin/python3", arguments: [script, daemon.socket, daemon.uri(), "4000", "4", "\(daemon.process.pid)"],
            timeout: .seconds(300))
        let log = await daemon.stop()
        #expect(outcome.status == 0, "\(outcome.outputText)\(outcome.errorText)")
        #expect(outcome.outputText.contains(" passed, 0 failed"), "\(outcome.outputText)")
        #expect(log.status == 0, "\(log.error)")
    }
}
