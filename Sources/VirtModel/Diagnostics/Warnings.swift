import Synchronization

/// Warnings the library has for the program using it: a definition a driver skipped ("Failed to load config
/// for domain 'x': ..."), a file libxml2 could not load. The library itself never writes to the program's
/// standard error; the most recent lines are kept here for whoever logs them (the daemon, tests), and the
/// lines libvirt's own process prints on its standard error (`echoed`) go to the handler a front end installs
/// (virsh and the C library print them, as libvirt's do).
public final class Warnings: Sendable {
    public static let shared = Warnings()
    /// How many lines are kept: the oldest go first.
    public static let capacity = 100

    private let lines = Mutex<[String]>([])
    private let echo = Mutex<(@Sendable (String) -> Void)?>(nil)
    private let log = Mutex<(@Sendable (String) -> Void)?>(nil)

    /// Keeps `line`; with `echoed`, also hands it to the front end's handler.
    public func record(_ line: String, echoed: Bool = false) {
        lines.withLock { lines in
            lines.append(line)
            if lines.count > Self.capacity { lines.removeFirst(lines.count - Self.capacity) }
        }
        if echoed, let handler = echo.withLock({ $0 }) { handler(line) }
        if let handler = log.withLock({ $0 }) { handler(line) }
    }

    /// Where echoed lines go (nil: nowhere). Front ends that stand in for a libvirt process install one.
    public func setEchoHandler(_ handler: (@Sendable (String) -> Void)?) {
        echo.withLock { $0 = handler }
    }

    /// Where every line also goes (nil: nowhere): a process nobody reads, such as the watcher, logs them.
    public func setLogHandler(_ handler: (@Sendable (String) -> Void)?) {
        log.withLock { $0 = handler }
    }

    /// The kept lines, oldest first.
    public var recent: [String] { lines.withLock { $0 } }
}
