import Synchronization

/// What a daemonless driver skipped in its state directories (a definition that does not parse, a file
/// that is not a regular one), worded as libvirt logs it ("Failed to load config for domain 'x': ...").
/// One bad file never hides the other domains, and the library never writes to the stderr of the program
/// using it, so the most recent lines are kept here for whoever logs them (the daemon, tests).
public final class StateWarnings: Sendable {
    public static let shared = StateWarnings()
    /// How many lines are kept: the oldest go first.
    public static let capacity = 100

    private let lines = Mutex<[String]>([])

    public func record(_ line: String) {
        lines.withLock { lines in
            lines.append(line)
            if lines.count > Self.capacity { lines.removeFirst(lines.count - Self.capacity) }
        }
    }

    /// The kept lines, oldest first.
    public var recent: [String] { lines.withLock { $0 } }
}
