import CLibvirt
import Synchronization

/// Which event loop this process has: none yet, libvirt's default one (``DefaultEventLoop``), or the
/// caller's (``CallerEventLoop``). The first registration stays, as with libvirt (which ignores a second).
enum ProcessEventLoop {
    private enum Choice: Sendable {
        case none
        case builtIn
        case caller(CallerEventLoop)
    }

    private static let choice = Mutex(Choice.none)

    /// Chooses the default loop unless one was chosen already.
    static func chooseDefault() {
        choice.withLock { if case .none = $0 { $0 = .builtIn } }
    }

    /// Chooses the caller's loop unless one was chosen already; returns whether it was.
    @discardableResult
    static func chooseCaller(_ functions: CallerEventLoop.Functions) -> Bool {
        choice.withLock { choice in
            guard case .none = choice else { return false }
            choice = .caller(CallerEventLoop(functions))
            return true
        }
    }

    static var callerLoop: CallerEventLoop? {
        choice.withLock { if case .caller(let loop) = $0 { loop } else { nil } }
    }

    /// Whether callbacks can be run: a loop is registered and can run the library's work.
    static func prepare() -> Bool {
        if let loop = callerLoop { return loop.prepare() }
        return DefaultEventLoop.shared.isRegistered
    }

    /// Has `work` run on the process's loop.
    static func post(_ work: @escaping DefaultEventLoop.Work) {
        if let loop = callerLoop { loop.post(work) } else { DefaultEventLoop.shared.post(work) }
    }
}
