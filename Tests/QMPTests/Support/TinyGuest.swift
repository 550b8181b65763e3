import Foundation
import Testing
import VirtTestSupport

extension Tag {
    /// Tests that boot a real guest under QEMU (TCG): slow (tens of seconds), need qemu-system-x86_64.
    @Tag static var qemuBoot: Self
}

/// The test guest of `scripts/build-guest.sh` (built on first use, then cached) and a QEMU
/// running it under TCG with its serial console in a file and QMP on a unix socket.
final class TinyGuest {
    enum Failure: Error, CustomStringConvertible {
        case qemuMissing
        case spawnFailed(String, Int32)
        case timeout(String, serial: String)

        var description: String {
            switch self {
            case .qemuMissing:
                "qemu-system-x86_64 is not installed; this test boots a real guest (install Debian's qemu-system-x86)"
            case .spawnFailed(let program, let error): "cannot start \(program): errno \(error)"
            case .timeout(let what, let serial): "timed out waiting for \(what); serial console so far:\n\(serial)"
            }
        }
    }

    static func qemuBinary() throws -> String {
        guard let qemu = ProcessRunner.which("qemu-system-x86_64") else { throw Failure.qemuMissing }
        return qemu
    }

    let directory: URL
    let socketPath: String
    let serialPath: String
    /// QEMU's process id. Spawned directly (not with Foundation's Process, whose waitUntilExit
    /// spins when called off the main thread), and reaped here.
    private let pid: pid_t
    private var exitStatus: Int32?

    /// Starts QEMU; `extraArguments` are appended (e.g. `-incoming defer`).
    init(image: TestGuestImage, directory: URL, name: String, extraArguments: [String] = []) throws {
        self.directory = directory
        socketPath = directory.appendingPathComponent("\(name).qmp").path
        serialPath = directory.appendingPathComponent("\(name).serial").path
        let qemu = try Self.qemuBinary()
        let arguments =
            [
                qemu, "-accel", "tcg", "-machine", "pc", "-m", "128", "-smp", "1,maxcpus=2",
                "-nodefaults", "-display", "none", "-no-reboot",
                "-kernel", image.kernel, "-initrd", image.initrd, "-append", "no_timer_check console=ttyS0 panic=-1 quiet",
                "-serial", "file:\(serialPath)", "-device", "virtio-balloon",
                "-qmp", "unix:\(socketPath),server=on,wait=off",
            ] + extraArguments
        pid = try Self.spawn(arguments)
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
    }

    private static func spawn(_ arguments: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        var argv = arguments.map { strdup($0) }
        argv.append(nil)
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard result == 0 else { throw Failure.spawnFailed(arguments[0], result) }
        return pid
    }

    /// The serial console so far, with the tty's CR LF line ends turned into LF.
    var serial: String {
        guard let data = FileManager.default.contents(atPath: serialPath) else { return "" }
        return String(decoding: data.filter { $0 != 0x0D }, as: UTF8.self)
    }

    /// The numbers n of the `SWIFTVIRT-TICK n` lines so far.
    var ticks: [Int] {
        serial.split(separator: "\n").compactMap { line in
            line.hasPrefix("SWIFTVIRT-TICK ") ? Int(line.dropFirst("SWIFTVIRT-TICK ".count)) : nil
        }
    }

    /// Waits until the serial console satisfies `condition`.
    func waitForSerial(_ what: String, timeout: Duration = .seconds(60), _ condition: (String) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition(serial) {
            guard ContinuousClock.now < deadline else { throw Failure.timeout(what, serial: serial) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    func waitForSerialLine(_ line: String, timeout: Duration = .seconds(60)) async throws {
        try await waitForSerial("'\(line)'", timeout: timeout) { $0.split(separator: "\n").contains { $0 == line } }
    }

    /// Waits for QEMU to exit; returns its exit status.
    func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while exitStatus == nil {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
                exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
                break
            }
            guard ContinuousClock.now < deadline else { throw Failure.timeout("QEMU to exit", serial: serial) }
            try await Task.sleep(for: .milliseconds(50))
        }
        return exitStatus ?? -1
    }

    /// Runs a command through the shell, returning its exit status and its output (stdout and stderr).
}
