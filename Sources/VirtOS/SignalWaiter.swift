#if canImport(Glibc)
    import Glibc
#endif
import CVirtOS

/// Waits for termination signals without blocking a cooperative thread: the signals' handler writes to a
/// pipe (async-signal-safe, and works whichever thread the kernel picks), and a thread of its own reads it.
public enum SignalWaiter {
    /// Installs handlers for `signals` and returns the first one received.
    public static func wait(for signals: [Int32]) async throws(SystemCallError) -> Int32 {
        await next(from: try install(signals))
    }

    /// Installs handlers for `signals` now (a signal that arrives from here on is kept); returns what
    /// ``next(from:)`` reads.
    public static func install(_ signals: [Int32]) throws(SystemCallError) -> Int32 {
        var descriptor: Int32 = -1
        for number in signals {
            descriptor = cvirtos_signal_pipe(number)
            guard descriptor >= 0 else { throw SystemCallError(.sigaction, "signal \(number)", errno: errno) }
        }
        return descriptor
    }

    /// The next signal received through handlers ``install(_:)`` returned `descriptor` for.
    public static func next(from descriptor: Int32) async -> Int32 {
        let fd = descriptor
        return await OwnThread.run {
            var byte: UInt8 = 0
            while true {
                let count = read(fd, &byte, 1)
                if count == 1 { return Int32(byte) }
                if count < 0 && errno == EINTR { continue }
                return SIGTERM
            }
        }
    }
}
