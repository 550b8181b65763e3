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
