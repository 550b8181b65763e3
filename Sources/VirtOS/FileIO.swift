#if canImport(Glibc)
import Glibc
#endif

/// Whole-file reads and writes with errno kept, for files the drivers own (save images, state files).
public enum FileIO {
    /// Reads the whole file.
    public static func read(_ path: String) throws(SystemCallError) -> [UInt8] {
        let fd = try retryingInterrupts(.open, path) { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = try retryingInterrupts(.read, path) {
                chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Creates or truncates the file with `mode` and writes `bytes`. A failed write removes the file, so no
    /// half-written file is left behind.
    public static func write(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o600) throws(SystemCallError) {
        let fd = try retryingInterrupts(.open, path) { open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, mode) }
        do {
            try writeAll(fd, bytes, path: path)
        } catch {
            close(fd)
            unlink(path)
            throw error
        }
        if close(fd) != 0 {
            let code = errno
            unlink(path)
            throw SystemCallError(.close, path, errno: code)
        }
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
