import Foundation
import VirtOS

/// A program run on a pseudo-terminal, for what only happens on a terminal (line editing): keys go in
/// through the master side, everything it prints comes back. Spawned with posix_spawn, never fork, so the
/// test process's threads are not disturbed.
public final class TerminalSession {
    private let master: Int32
    private let pid: pid_t
    public private(set) var output = ""

    /// Runs `program` in `directory` (what a shell's file name completion sees), else in this process's.
    public init(_ program: String, _ arguments: [String], environment: [String: String], directory: String? = nil) throws {
        let terminal = try PseudoTerminal.open()
        master = terminal.master
        let slave = open(terminal.slavePath, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw TerminalError("cannot open \(terminal.slavePath) (errno \(errno))") }
        defer { close(slave) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for target: Int32 in 0...2 { posix_spawn_file_actions_adddup2(&actions, slave, target) }

        // env -C: Glibc's posix_spawn_file_actions_addchdir_np is not visible to Swift.
        let command = directory.map { ["/usr/bin/env", "-C", $0, program] } ?? [program]
        let argv = (command + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, command[0], &actions, nil, argv, envp)
        guard status == 0 else { throw TerminalError("cannot start \(program) (errno \(status))") }
        pid = child
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    /// Types `keys`.
    public func type(_ keys: String) {
        let bytes = Array(keys.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads what the program prints until `text` has appeared `count` times in all its output, or the
    /// timeout passes; whether it did.
    @discardableResult
    public func waitFor(_ text: String, count: Int = 1, timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while output.components(separatedBy: text).count - 1 < count {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return false }
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(left, 0.2) * 1000)) > 0 else { continue }
            let n = read(master, &buffer, buffer.count)
            guard n > 0 else { return false }
            output += String(decoding: buffer[..<n], as: UTF8.self)
        }
        return true
    }

    /// The program's exit status, waiting up to `timeout`; nil if it is still running.
    public func exitStatus(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        repeat {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xff }
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 50) > 0 {
                let n = read(master, &buffer, buffer.count)
                if n > 0 { output += String(decoding: buffer[..<n], as: UTF8.self) }
            }
        } while Date() < deadline
        return nil
    }
}

public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
