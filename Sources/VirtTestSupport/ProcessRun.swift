#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation
import Synchronization

/// Runs a program to completion with the given input, collecting its output and exit status.
///
/// Built on posix_spawn rather than Foundation's Process, whose run() on Linux (Swift 6.3.1) intermittently
/// over-reads while scanning /proc/self/fd and crashes the test process (swift-corelibs-foundation #5472).
/// The blocking wait runs on its own thread, so a hung child cannot starve the concurrency pool and the
/// timeout always fires.
public enum ProcessRun {
    public struct Outcome: Sendable {
        public var status: Int32
        public var output: Data
        public var error: Data

        public var outputText: String { String(decoding: output, as: UTF8.self) }
        public var errorText: String { String(decoding: error, as: UTF8.self) }
        public var succeeded: Bool { status == 0 }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private static let spawning = Mutex(())

    /// glibc's `posix_spawn_file_actions_addchdir_np`, which Swift's Glibc module does not declare.
    private typealias AddChdir = @convention(c) (
        UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
    ) -> Int32
    private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np")
        else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    /// Runs `program` (a path, or a name looked up on PATH) to completion or `timeout` (then it is killed).
    public static func run(
        _ program: String, arguments: [String], input: Data = Data(),
        directory: String = FileManager.default.currentDirectoryPath,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        timeout: Duration = .seconds(600)
    ) async throws -> Outcome {
        guard let path = program.contains("/") ? program : ProcessRunner.which(program) else {
            throw Failure(description: "\(program) is not installed (scripts/setup.sh installs it)")
        }
        return try await run(URL(fileURLWithPath: path), arguments: arguments, input: input,
                             directory: URL(fileURLWithPath: directory), environment: environment, timeout: timeout)
    }

    public static func run(
        _ program: URL, arguments: [String], input: Data, directory: URL, environment: [String: String],
        timeout: Duration
    ) async throws -> Outcome {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Swift.Result {
                    try runBlocking(
                        program.path, arguments: arguments, input: input, directory: directory.path,
                        environment: environment, timeout: seconds)
                })
            }
            thread.start()
        }
    }

    private static func runBlocking(
        _ path: String, arguments: [String], input: Data, directory: String, environment: [String: String],
        timeout: Double
    ) throws -> Outcome {
        guard let addChdir = addChdir else { throw Failure(description: "posix_spawn cannot change directory") }
        var inputPipe: [Int32] = [-1, -1], outputPipe: [Int32] = [-1, -1], errorPipe: [Int32] = [-1, -1]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        // Pipes are made close-on-exec and the child spawned under one lock, so no other child started by
        // this process inherits them (which would keep them open past this child's exit).
        let spawned = spawning.withLock { _ -> Int32 in
            guard pipe(&inputPipe) == 0, pipe(&outputPipe) == 0, pipe(&errorPipe) == 0 else { return errno }
            for descriptor in inputPipe + outputPipe + errorPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, inputPipe[0], 0)
            posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
            _ = directory.withCString { addChdir(&actions, $0) }
            return CleanSpawnAttributes.withAttributes { posix_spawn(&pid, path, &actions, $0, argv, envp) }
        }
        for descriptor in [inputPipe[0], outputPipe[1], errorPipe[1]] { close(descriptor) }
        guard spawned == 0 else {
            for descriptor in [inputPipe[1], outputPipe[0], errorPipe[0]] { close(descriptor) }
            throw Failure(description: "cannot run \(path): \(String(cString: strerror(spawned)))")
        }

        // A child that exits without reading its input must not kill us with SIGPIPE: MSG_NOSIGNAL does not
        // apply to pipes, so ignore the signal for the process (harmless for a test runner).
        signal(SIGPIPE, SIG_IGN)
        input.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = write(inputPipe[1], base + offset, bytes.count - offset)
                if written < 0 { if errno == EINTR { continue } else { break } }
                offset += written
            }
        }
        close(inputPipe[1])

        var output = Data(), error = Data()
        var open: [Int32: Bool] = [outputPipe[0]: true, errorPipe[0]: true]
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        var chunk = [UInt8](repeating: 0, count: 65536)
        while open.values.contains(true) {
            var polled = open.filter(\.value).keys.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let remaining = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
            let ready = poll(&polled, nfds_t(polled.count), timedOut ? -1 : remaining)
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 && !timedOut {
                timedOut = true
                kill(pid, SIGKILL)
                continue
            }
            for entry in polled where entry.revents != 0 {
                let count = chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if entry.fd == outputPipe[0] {
                        output.append(contentsOf: chunk[0..<count])
                    } else {
                        error.append(contentsOf: chunk[0..<count])
                    }
                } else if count == 0 || errno != EINTR {
                    open[entry.fd] = false
                    close(entry.fd)
                }
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if timedOut {
            throw Failure(description: "\(path) \(arguments) did not finish within \(timeout) seconds")
        }
        // WIFEXITED / WEXITSTATUS, and 128 + signal for a child killed by a signal, as a shell reports it.
        let signalNumber = status & 0x7f
        return Outcome(status: signalNumber == 0 ? (status >> 8) & 0xff : 128 + signalNumber, output: output, error: error)
    }
}
