import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An open session on a domain's console (`virDomainOpenConsole`): a file descriptor to read the guest's
/// output from and write its input to, pollable like any other. Local drivers hand out the console's pty
/// itself; a driver whose console is elsewhere can hand out one end of a socket pair it relays.
///
/// One session per console at a time. A session taken over by another (``DomainConsoleFlags/force``) learns
/// it through ``isSuperseded`` and should close. Closing (or releasing the last reference) closes the
/// descriptor and ends the session.
public final class ConsoleStream: Sendable {
    public let fileDescriptor: Int32
    private let state: Mutex<(open: Bool, onClose: (@Sendable () -> Void)?)>
    private let superseded: @Sendable () -> Bool

    /// `onClose` releases whatever keeps the session exclusive; `superseded` says whether another session
    /// has asked for the console.
    public init(fileDescriptor: Int32, superseded: @escaping @Sendable () -> Bool = { false },
                onClose: (@Sendable () -> Void)? = nil) {
        self.fileDescriptor = fileDescriptor
        self.superseded = superseded
        state = Mutex((open: true, onClose: onClose))
    }

    deinit { close() }

    /// True once another session has forced its way onto this console.
    public var isSuperseded: Bool { superseded() }

    /// What the guest has written, waiting at most `timeout`: up to `maximum` bytes, empty if nothing came in
    /// time, nil once the console has closed (the guest stopped).
    public func read(maximum: Int = 4096, timeout: Duration) throws(VirtError) -> [UInt8]? {
        var poller = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        while true {
            let ready = poll(&poller, 1, Int32(clamping: milliseconds))
            if ready == 0 { return [] }
            if ready < 0 {
                if errno == EINTR { continue }
                throw VirtError.system(errno, "cannot wait for the console", domain: .streams)
            }
            var bytes = [UInt8](repeating: 0, count: maximum)
            let count = Glibc.read(fileDescriptor, &bytes, maximum)
            if count > 0 { return Array(bytes[..<count]) }
            // A pty whose other side has gone reads as EIO; a socket as end of file.
            if count == 0 || errno == EIO { return nil }
            if errno == EINTR || errno == EAGAIN { continue }
            throw VirtError.system(errno, "cannot read from the console", domain: .streams)
        }
    }

    /// The guest's output as text until `marker` appears in it, the console closes or `timeout` passes (a
    /// login prompt, a readiness line): everything read, so the caller sees what came instead.
    public func read(until marker: String, timeout: Duration) throws(VirtError) -> String {
        let deadline = ContinuousClock.now + timeout
        var text = ""
        while !text.contains(marker) {
            let left = deadline - ContinuousClock.now
            guard left > .zero, let bytes = try read(timeout: min(left, .milliseconds(200))) else { break }
            text += String(decoding: bytes, as: UTF8.self)
        }
        return text
    }

    /// Sends `bytes` to the guest, as typed on its console.
    public func write(_ bytes: [UInt8]) throws(VirtError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fileDescriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw VirtError.system(errno, "cannot write to the console", domain: .streams)
            }
            offset += written
        }
    }

    public func close() {
        let release = state.withLock { state -> (@Sendable () -> Void)?? in
            guard state.open else { return nil }
            state.open = false
            return .some(state.onClose)
        }
        guard let release else { return }
        _ = Glibc.close(fileDescriptor)
        release?()
    }
}
