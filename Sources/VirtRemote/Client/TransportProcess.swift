import FoundationEssentials
import Synchronization
import VirtDriver
import VirtOS
#if canImport(Glibc)
import Glibc
#endif

/// The program a connection talks through (the ssh client, or an `ext` transport's `command=`): started with
/// one end of a socket pair as its standard input and output (the other end is the connection's), its standard
/// error kept in a file so that a connection that ends at once can say what the program said, and ended with
/// the connection.
struct TransportProcess: Sendable {
    let pid: pid_t
    /// Our end of the socket pair.
    let descriptor: Int32
    let errorLog: TransportErrorLog

    static func start(_ arguments: [String]) throws(VirtError) -> TransportProcess {
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw VirtError.system(errno, "unable to create socket pair", domain: .rpc)
        }
        let errorPath = "/tmp/swiftvirt-transport-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).err"
        let pid: pid_t
        do throws(SystemCallError) {
            // Not a session of its own: ssh may ask on the terminal for a password or a host key (no_tty=0).
            pid = try ProcessLauncher.spawn(arguments[0], Array(arguments.dropFirst()),
                                            options: .init(logPath: errorPath, newSession: false, standardIO: pair[1]))
        } catch {
            close(pair[0])
            close(pair[1])
            throw VirtError.system(error.errno, "Cannot run '\(arguments[0])'", domain: .rpc)
        }
        close(pair[1])
        return TransportProcess(pid: pid, descriptor: pair[0], errorLog: TransportErrorLog(taking: errorPath))
    }

    /// What the program wrote on its standard error so far (its reason for a connection that ended).
    var errorText: String {
        String(decoding: errorLog.contents(limit: 64 * 1024), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: ": ")
    }

    /// Ends ssh (if the connection has not already ended it) and reaps it, off the caller's thread.
    func end() {
        kill(pid, SIGTERM)
        let pid = self.pid, errorLog = self.errorLog
        Task.detached {
            if await ProcessLauncher.waitForExit(pid, timeout: .seconds(5)) == nil {
                kill(pid, SIGKILL)
                _ = await ProcessLauncher.waitForExit(pid, timeout: .seconds(5))
            }
            errorLog.close()
        }
    }
}

/// The transport program's standard error: the file it was started with, opened here and unlinked at once,
/// so that nothing is left in /tmp however this process ends (a virsh exits before its connection's
/// clean-up task would run).
final class TransportErrorLog: Sendable {
    private let descriptor: Mutex<Int32>

    /// Opens `path` (which the program has already opened for writing) and removes its name.
    init(taking path: String) {
        descriptor = Mutex(open(path, O_RDONLY | O_CLOEXEC))
        unlink(path)
    }

    /// What was written so far, up to `limit` bytes (nothing once closed).
    func contents(limit: Int) -> [UInt8] {
        descriptor.withLock { fd in
            guard fd >= 0 else { return [] }
            var bytes = [UInt8](repeating: 0, count: limit)
            let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, limit, 0) }
            return Array(bytes.prefix(max(got, 0)))
        }
    }

    func close() {
        descriptor.withLock { fd in
            if fd >= 0 { Glibc.close(fd) }
            fd = -1
        }
    }

    deinit { close() }
}
