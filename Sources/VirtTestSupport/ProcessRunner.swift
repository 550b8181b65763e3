import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs helper programs from tests with posix_spawn (Foundation's Process has crashed test processes on
/// this toolchain), capturing output through files.
public enum ProcessRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var error: String
    }

    /// The first `name` on PATH.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `program` to completion (the wait happens off Swift's cooperative pool).
    public static func run(_ program: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> Result {
        let outcome = try await ProcessRun.run(
            program, arguments: arguments, environment: environment ?? ProcessInfo.processInfo.environment)
        return Result(status: outcome.status, output: outcome.outputText, error: outcome.errorText)
    }

    /// A started program whose output is being captured.
    public final class Running: Sendable {
        public let pid: pid_t
        let outputPath: String
        let errorPath: String

        init(pid: pid_t, outputPath: String, errorPath: String) {
            self.pid = pid
            self.outputPath = outputPath
            self.errorPath = errorPath
        }

        /// What it has printed on standard output so far.
        public var outputSoFar: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

        /// Whether it has finished (without reaping it).
        public var isRunning: Bool {
            var info = siginfo_t()
            return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid == 0
        }

        /// Waits for it to end and returns what it printed. The blocking wait runs on a thread of its own, so
        /// it never holds one of Swift's cooperative threads (two such waits would stall every other test).
        public func wait() async -> Result {
            await withCheckedContinuation { continuation in
                Thread { continuation.resume(returning: self.waitBlocking()) }.start()
            }
        }

        private func waitBlocking() -> Result {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            let error = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            unlink(outputPath)
            unlink(errorPath)
            let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            return Result(status: code, output: output, error: error)
        }
    }

    /// Starts `program` in the background.
    public static func start(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Running {
        let base = NSTemporaryDirectory() + "swiftvirt-run-\(UUID().uuidString)"
        let outputPath = base + ".out", errorPath = base + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid = pid_t()
        let rc = CleanSpawnAttributes.withAttributes { posix_spawn(&pid, program, &actions, $0, argv, env) }
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        return Running(pid: pid, outputPath: outputPath, errorPath: errorPath)
    }
}
