#if canImport(Glibc)
    import Glibc
#endif

/// A daemon's pid file, held under an exclusive lock for the daemon's life so a second daemon with the same
/// file refuses to start (as libvirtd's virPidFileAcquire does), and removed at a clean exit.
public final class PidFile: Sendable {
    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    public struct AcquireError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Creates or takes over `path`, locks it and writes this process's pid.
    public static func acquire(_ path: String) throws(AcquireError) -> PidFile {
        try? Paths.makeDirectories(Paths.directory(of: path), mode: 0o755)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(path, errno) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let error = errno
            close(fd)
            if error == EWOULDBLOCK {
                throw AcquireError(description: "Failed to acquire pid file '\(path)': another daemon holds it")
            }
            throw failure(path, error)
        }
        let text = Array("\(getpid())\n".utf8)
        guard ftruncate(fd, 0) == 0, (try? FileIO.writeAll(fd, text, path: path)) != nil else {
            let error = errno
            close(fd)
            throw failure(path, error)
        }
        return PidFile(path: path, descriptor: fd)
    }

    /// Removes the file and drops the lock.
    public func release() {
        unlink(path)
        close(descriptor)
    }

    private static func failure(_ path: String, _ error: Int32) -> AcquireError {
        AcquireError(description: "Failed to acquire pid file '\(path)': \(String(cString: strerror(error)))")
    }
}
