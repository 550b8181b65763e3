#if canImport(Glibc)
    import Glibc
#endif

/// `--daemon` without fork in a multi-threaded process: the program starts itself again in a new session
/// (standard streams on /dev/null) with a pipe as descriptor 3, and waits until the copy reports that it
/// serves, or failed, then exits with that status; so `virtd -d && virsh ...` never races the sockets.
public enum Daemonizer {
    /// The environment variable that tells the copy it is the detached daemon.
    public static let readinessVariable = "SWIFTVIRT_DAEMON_READY_FD"

    /// The detached copy's end of the readiness pipe.
    public struct Readiness: Sendable {
        let descriptor: Int32

        public func report(success: Bool) {
            var byte: UInt8 = success ? 0 : 1
            _ = write(descriptor, &byte, 1)
            close(descriptor)
        }
    }

    /// In the detached copy: its readiness pipe (and the variable is cleared for its children).
    public static func inheritedReadiness(environment: [String: String]) -> Readiness? {
        guard let text = environment[readinessVariable], let descriptor = Int32(text) else { return nil }
        unsetenv(readinessVariable)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        return Readiness(descriptor: descriptor)
    }

    /// In the original process: starts the detached copy with `arguments` and returns its verdict (0 once
    /// it serves, 1 if it failed or died first).
    public static func startDetachedCopy(arguments: [String]) async -> Int32 {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return 1 }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        let executable = (try? Paths.resolveLink("/proc/self/exe")) ?? CommandLine.arguments[0]
        let options = ProcessLauncher.Options(
            newSession: true, environment: ["\(readinessVariable)=3"], passedDescriptor: fds[1])
        guard (try? ProcessLauncher.spawn(executable, arguments, options: options)) != nil else {
            close(fds[0])
            close(fds[1])
            return 1
        }
        close(fds[1])
        let reader = fds[0]
        return await OwnThread.run {
            var byte: UInt8 = 1
            var count: Int
            repeat { count = read(reader, &byte, 1) } while count < 0 && errno == EINTR
            close(reader)
            return count == 1 && byte == 0 ? 0 : 1
        }
    }
}
