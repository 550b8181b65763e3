#if canImport(Glibc)
import Glibc
#endif

/// A failed system call: which operation, on what, and errno. Callers turn it into their own error
/// (drivers into VIR_ERR_SYSTEM_ERROR with libvirt's wording).
public struct SystemCallError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Operation: String, Sendable {
        case open, read, write, close, fsync, rename, unlink, mkdir, flock, stat, socket, connect, kill, spawn, affinity, ioctl, sigaction
    }

    public var operation: Operation
    public var path: String
    public var errno: Int32

    public init(_ operation: Operation, _ path: String, errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    public var description: String {
        "\(operation.rawValue) '\(path)': \(String(cString: strerror(errno)))"
    }
}

/// Runs a system call, retrying on EINTR; -1 becomes a thrown SystemCallError.
@discardableResult
func retryingInterrupts<T: BinaryInteger>(
    _ operation: SystemCallError.Operation, _ path: String, _ call: () -> T
) throws(SystemCallError) -> T {
    while true {
        let result = call()
        if result != -1 { return result }
        let code = Glibc.errno
        if code == EINTR { continue }
        throw SystemCallError(operation, path, errno: code)
    }
}
