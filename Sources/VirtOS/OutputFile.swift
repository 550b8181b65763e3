#if canImport(Glibc)
import Glibc
#endif

/// A file opened for writing that remembers whether opening created it, so a failed write removes only
/// what it made: a user's existing file (or a device node) named as a save target is never deleted.
public struct OutputFile: Sendable {
    public let path: String
    public let descriptor: Int32
    /// Whether this open created the file (it did not exist before).
    public let created: Bool

    /// Opens `path` for writing, truncated, creating it with `mode` if it is missing.
    public static func open(_ path: String, mode: mode_t = 0o600) throws(SystemCallError) -> OutputFile {
        while true {
            // Exclusive creation tells "made it" from "found it"; a file that appears in between is retried.
            let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if fd >= 0 { return OutputFile(path: path, descriptor: fd, created: true) }
            if errno == EINTR { continue }
            guard errno == EEXIST else { throw SystemCallError(.open, path, errno: errno) }
            let existing = Glibc.open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
            if existing >= 0 { return OutputFile(path: path, descriptor: existing, created: false) }
            if errno == EINTR || errno == ENOENT { continue }
            throw SystemCallError(.open, path, errno: errno)
        }
    }

    /// Closes the descriptor; a failed close (a lost write) discards the file.
    public func close() throws(SystemCallError) {
        if Glibc.close(descriptor) != 0 {
            let code = errno
            if created { unlink(path) }
            throw SystemCallError(.close, path, errno: code)
        }
    }

    /// Closes the descriptor after a failure and removes the file if this open created it.
    public func discard() {
        Glibc.close(descriptor)
        removeIfCreated()
    }

    /// After a failure, removes the file if this open created it (for a caller that closes it itself).
    public func removeIfCreated() {
        if created { unlink(path) }
    }
}
