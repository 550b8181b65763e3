#if canImport(Glibc)
import Glibc
#endif

/// Writes that never leave a half-written file: write a temporary file beside the target, fsync it, rename
/// it over the target, fsync the directory. A crash leaves either the old file or the new one.
///
/// `durable: false` skips the fsyncs, for files that describe running processes (they cannot outlive a
/// power loss anyway): readers still never see a torn file, and the write costs no disk flush.
public enum AtomicFile {
    public static func write(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o600, durable: Bool = true) throws(SystemCallError) {
        let directory = Paths.directory(of: path)
        // The target's name cut short (a long target name must still leave room for the rest).
        let stem = String(decoding: Array(Paths.lastComponent(of: path).utf8.prefix(200)), as: UTF8.self)
        let temporary = "\(directory)/.\(stem).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = try retryingInterrupts(.open, temporary) {
            open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode)
        }
        do {
            try FileIO.writeAll(fd, bytes, path: temporary)
            if durable { try retryingInterrupts(.fsync, temporary) { fsync(fd) } }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        do {
            try retryingInterrupts(.rename, path) { rename(temporary, path) }
        } catch {
            unlink(temporary)
            throw error
        }
        if durable { syncDirectory(directory) }
    }

    public static func write(_ path: String, _ text: String, mode: mode_t = 0o600, durable: Bool = true) throws(SystemCallError) {
        try write(path, Array(text.utf8), mode: mode, durable: durable)
    }

    /// Makes a rename or unlink in `directory` durable. Failure only weakens durability, so it is ignored.
    public static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
