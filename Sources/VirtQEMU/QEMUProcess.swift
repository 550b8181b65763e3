import VirtDriver
import VirtOS
#if canImport(Glibc)
import Glibc
#endif

/// Starting and stopping QEMU processes.
///
/// QEMU runs with `-daemonize`: the process we spawn exits once the machine is set up (monitor listening,
/// devices created) and the daemon it leaves behind is not our child, so it outlives this client and never
/// becomes our zombie. Its exit status and the log tell whether setup worked.
enum QEMUProcess {
    struct Started: Sendable {
        var pid: Int32
        var startTime: UInt64
    }

    /// How long QEMU may take to set up the machine.
    static let startTimeout: Duration = .seconds(60)

    static func launch(
        emulator: String, arguments: [String], pidFile: String, logFile: String
    ) async throws(VirtError) -> Started {
        try? Paths.remove(pidFile)
        // The log holds one run: QEMU's -D truncates it anyway once QEMU gets that far, so an offset into an
        // older run's log would point past (or into) this run's messages.
        try? FileIO.write(logFile, [])
        let spawned: pid_t
        do {
            spawned = try ProcessLauncher.spawn(emulator, arguments + ["-D", logFile], options: .init(logPath: logFile))
        } catch {
            throw VirtError.system(error.errno, "cannot execute '\(emulator)'", domain: .qemu)
        }
        guard let exit = await ProcessLauncher.waitForExit(spawned, timeout: startTimeout) else {
            kill(spawned, SIGKILL)
            _ = await ProcessLauncher.waitForExit(spawned, timeout: .seconds(5))
            throw VirtError(.operationTimeout, .qemu, "QEMU did not finish starting within \(startTimeout)")
        }
        guard exit == .exited(0) else {
            throw VirtError(.internalError, .qemu, "QEMU failed to start: \(logTail(logFile))")
        }
        guard let text = try? FileIO.read(pidFile, limit: FileSizeLimit.record),
              let pid = Int32(String(decoding: text, as: UTF8.self).filter { !$0.isWhitespace }),
              let stat = ProcStat.read(pid: pid) else {
            throw VirtError(.internalError, .qemu, "QEMU started but left no usable pid file '\(pidFile)'")
        }
        return Started(pid: pid, startTime: stat.startTime)
    }

    /// The live processes started with `-pidfile pidFile` (found in /proc by their command lines): the QEMU
    /// processes of one domain of one driver instance, whether or not their pid file was written yet.
    static func processes(withPidFile pidFile: String) -> [Started] {
        Paths.contents(of: "/proc").compactMap { entry -> Started? in
            guard let pid = Int32(entry), let arguments = ProcessControl.arguments(of: pid),
                  let flag = arguments.firstIndex(of: "-pidfile"), flag + 1 < arguments.count,
                  arguments[flag + 1] == pidFile,
                  let stat = ProcStat.read(pid: pid), stat.state != "Z" else { return nil }
            return Started(pid: pid, startTime: stat.startTime)
        }
    }

    /// What QEMU wrote to the log (this run's: see ``launch``), its last lines, for a message.
    static func logTail(_ logFile: String) -> String {
        let bytes = (try? FileIO.read(logFile, limit: FileSizeLimit.log)) ?? []
        let text = String(decoding: bytes, as: UTF8.self).split(separator: "\n").suffix(5).joined(separator: "; ")
        return text.isEmpty ? "no message (see \(logFile))" : text
    }

    /// Stops a QEMU process: SIGTERM, then SIGKILL if it has not gone within `grace`. Returns once it is gone.
    static func terminate(pid: Int32, startTime: UInt64, grace: Duration = .seconds(3)) async throws(VirtError) {
        guard ProcessControl.isAlive(pid, startTime: startTime) else { return }
        do {
            try ProcessControl.signal(pid, SIGTERM)
        } catch {
            throw VirtError.system(error.errno, "failed to terminate process \(pid) with SIGTERM", domain: .qemu)
        }
        if await waitUntilGone(pid: pid, startTime: startTime, timeout: grace) { return }
        try? ProcessControl.signal(pid, SIGKILL)
        if await waitUntilGone(pid: pid, startTime: startTime, timeout: .seconds(10)) { return }
        throw VirtError(.operationFailed, .qemu, "process \(pid) did not die after SIGKILL")
    }

    /// Polls (without blocking a thread) until the process is gone; false on timeout.
    static func waitUntilGone(pid: Int32, startTime: UInt64, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        var pause = Duration.microseconds(200)
        while ContinuousClock.now < deadline {
            if !ProcessControl.isAlive(pid, startTime: startTime) { return true }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(10))
        }
        return !ProcessControl.isAlive(pid, startTime: startTime)
    }
}
