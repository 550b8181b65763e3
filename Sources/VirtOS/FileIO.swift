#if canImport(Glibc)
import Glibc
#endif

/// Bounded file reads and whole-file writes with errno kept, for files the drivers own (save images, state
/// files, definitions). Nothing here reads more than its caller allows: a file's size is never trusted.
public enum FileIO {
    /// Reads the whole of a regular file of at most `limit` bytes. Opening never blocks (a FIFO put in
    /// place of a state file) and anything that is not a regular file (a device, a FIFO, a socket) is
    /// refused with EINVAL before a byte is read; a longer file is refused with EFBIG.
    public static func read(_ path: String, limit: Int) throws(SystemCallError) -> [UInt8] {
        let fd = try retryingInterrupts(.open, path) { open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        defer { close(fd) }
        var info = stat()
        try retryingInterrupts(.stat, path) { fstat(fd, &info) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw SystemCallError(.read, path, errno: EINVAL) }
        // One byte past the limit tells a file at the limit from a longer one (the size may change meanwhile).
        let bytes = try read(fd, upTo: limit + 1, path: path)
        guard bytes.count <= limit else { throw SystemCallError(.read, path, errno: EFBIG) }
        return bytes
    }

    /// Reads from `fd` until `count` bytes or the end of the file, whichever comes first; fewer bytes than
    /// `count` means the file ended. Memory grows with what is read, never with `count` alone.
    public static func read(_ fd: Int32, upTo count: Int, path: String) throws(SystemCallError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(max(count, 0), 65536))
        while bytes.count < count {
            let wanted = min(chunk.count, count - bytes.count)
            let got = try retryingInterrupts(.read, path) {
                chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, wanted) }
            }
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return bytes
    }

    /// Creates or truncates the file with `mode` and writes `bytes`. A failed write removes the file only if
    /// this call created it (``OutputFile``).
    public static func write(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o600) throws(SystemCallError) {
        let file = try OutputFile.open(path, mode: mode)
        do {
            try writeAll(file.descriptor, bytes, path: path)
        } catch {
            file.discard()
            throw error
        }
        try file.close()
    }

    /// Writes every byte, resuming after short writes.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(SystemCallError) {
        var offset = 0
        while offset < bytes.count {
            let written = try retryingInterrupts(.write, path) {
                bytes.withUnsafeBytes { buffer in
                    buffer.baseAddress.map { Glibc.write(fd, $0 + offset, buffer.count - offset) } ?? 0
                }
            }
            offset += written
        }
    }
}
