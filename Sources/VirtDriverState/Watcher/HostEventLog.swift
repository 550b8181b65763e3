import FoundationEssentials
import VirtDriver
import VirtOS
#if canImport(Glibc)
import Glibc
#endif

/// The domain events of one daemonless driver instance, for every process on the host: `<run>/events.log`,
/// one JSON line per event. Whoever makes a change (a virsh, the C API, the watcher acting for a guest)
/// appends its events while it holds the domain's lock, so per domain the log is in the order of the changes;
/// subscribers in any process follow the file from where it ended when they subscribed.
///
/// Each append is one `write` under an exclusive `flock` of the file, so lines never interleave. Past
/// ``rotationSize`` the writer renames the file to `events.log.1` (replacing the previous one) under the same
/// lock: a follower finishes the old file through the descriptor it holds, then moves to the new one, so a
/// rotation loses nothing for a follower that keeps up (one rotation behind at most between two polls).
public struct HostEventLog: Sendable {
    public let path: String
    /// Where the log is rotated: about 40,000 events, and never unbounded.
    public let rotationSize: Int

    public init(path: String, rotationSize: Int = 4 << 20) {
        self.path = path
        self.rotationSize = rotationSize
    }

    public init(paths: some DomainStatePaths) {
        self.init(path: "\(paths.run)/events.log")
    }

    /// Appends `event`. An event that cannot be written is reported (``Warnings``), never thrown: the change
    /// it describes has already happened.
    public func append(_ event: DomainEvent) {
        guard let line = LoggedEvent(event).map({ Array($0.encodedLine()) }) else { return }
        do throws(SystemCallError) {
            try appendLine(line)
        } catch {
            Warnings.shared.record("cannot record a domain event in '\(path)': \(error)")
        }
    }

    private func appendLine(_ line: [UInt8]) throws(SystemCallError) {
        while true {
            // Non-blocking: a FIFO in the log's place must not stall the change that is being reported.
            let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o600)
            guard fd >= 0 else {
                if errno == ENXIO || errno == EISDIR, Self.moveAsideIfDamaged(path) { continue }
                throw SystemCallError(.open, path, errno: errno)
            }
            defer { close(fd) }
            guard Self.isRegular(fd) else {
                if Self.moveAsideIfDamaged(path) { continue }
                throw SystemCallError(.open, path, errno: EINVAL)
            }
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else { throw SystemCallError(.flock, path, errno: errno) }
            }
            // A writer that rotated while we waited: write to the file the path names now.
            guard Self.sameFile(path, fd) else { continue }
            try FileIO.writeAll(fd, line, path: path)
            var info = stat()
            if fstat(fd, &info) == 0, Int(info.st_size) > rotationSize {
                _ = rename(path, path + ".1")
            }
            return
        }
    }

    /// Every event appended after this call, in order, until the iteration ends.
    public func follow() -> AsyncStream<DomainEvent> {
        let (stream, continuation) = AsyncStream<DomainEvent>.makeStream(bufferingPolicy: .unbounded)
        var follower = Follower(path: path)
        follower.seekToEnd()
        let task = Task {
            var idle = Duration.milliseconds(5)
            while !Task.isCancelled {
                let events = follower.readAvailable()
                for event in events { continuation.yield(event) }
                // Poll quickly right after activity, more slowly when nothing happens.
                idle = events.isEmpty ? min(idle * 2, Self.maximumPollInterval) : .milliseconds(5)
                try? await Task.sleep(for: idle)
            }
            follower.close()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The longest a follower waits before it sees an event.
    static let maximumPollInterval: Duration = .milliseconds(40)

    static func isRegular(_ fd: Int32) -> Bool {
        var info = stat()
        return fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Something other than a regular file where the log should be (a FIFO, a directory, a link to a
    /// device) is renamed `events.log.damaged`, with a warning, and a fresh log begins.
    static func moveAsideIfDamaged(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG else { return false }
        guard rename(path, path + ".damaged") == 0 else { return false }
        Warnings.shared.record("moved '\(path)', which is not a regular file, aside to '\(path).damaged'")
        return true
    }

    /// Opens the log for reading, never blocking and only if it is a regular file (a link to /dev/zero
    /// would never end).
    static func openForReading(_ path: String) -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return -1 }
        guard isRegular(fd) else {
            Glibc.close(fd)
            return -1
        }
        return fd
    }

    static func sameFile(_ path: String, _ fd: Int32) -> Bool {
        var opened = stat()
        var named = stat()
        guard fstat(fd, &opened) == 0, stat(path, &named) == 0 else { return false }
        return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
    }

    /// Reads the log from a position on, across rotations.
    struct Follower {
        let path: String
        var fd: Int32 = -1
        var pending: [UInt8] = []

        init(path: String) {
            self.path = path
        }

        /// Starts at the end of the file as it is now (or at the start of a file that does not exist yet).
        mutating func seekToEnd() {
            fd = HostEventLog.openForReading(path)
            if fd >= 0 { lseek(fd, 0, SEEK_END) }
        }

        mutating func readAvailable() -> [DomainEvent] {
            if fd < 0 {
                fd = HostEventLog.openForReading(path)
                guard fd >= 0 else { return [] }
            }
            var events = drain()
            // At the end of a file the path no longer names: it was rotated; what the old file held has been
            // read, so carry on with the new one from its start.
            if !HostEventLog.sameFile(path, fd) {
                events += drain()
                Glibc.close(fd)
                pending = []
                fd = HostEventLog.openForReading(path)
                if fd >= 0 { events += drain() }
            }
            return events
        }

        private mutating func drain() -> [DomainEvent] {
            var events: [DomainEvent] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                pending += buffer[..<count]
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = Array(pending[..<newline])
                    pending.removeSubrange(...newline)
                    // A line this version cannot read (a newer writer's kind of event) is skipped.
                    if let event = LoggedEvent.decodeLine(line) { events.append(event) }
                }
            }
            return events
        }

        mutating func close() {
            if fd >= 0 { Glibc.close(fd) }
            fd = -1
        }
    }
}

/// One line of the host event log.
struct LoggedEvent: Codable, Equatable {
    var name: String
    var uuid: String
    var id: Int32
    /// libvirt's event id (`virDomainEventID`).
    var event: Int32
    var type: Int32?
    var detail: Int32?
    var kib: UInt64?

    init?(_ event: DomainEvent) {
        name = event.domain.name
        uuid = event.domain.uuid.libvirtString
        id = event.domain.id
        self.event = event.id.rawValue
        switch event.body {
        case .lifecycle(let lifecycle):
            type = lifecycle.type.rawValue
            detail = lifecycle.detail
        case .balloonChange(let kib):
            self.kib = kib
        case .reboot, .controlError:
            break
        case .resynchronized:
            // A connection's own view after a reconnect, never a change on the host.
            return nil
        }
    }

    /// The event this line describes; nil for a kind this version does not know.
    var domainEvent: DomainEvent? {
        guard let uuid = UUID(libvirtString: uuid) else { return nil }
        let ref = DomainRef(name: name, uuid: uuid, id: id)
        switch DomainEventID(rawValue: event) {
        case .lifecycle:
            guard let type, let detail else { return nil }
            return DomainEvent(ref, .lifecycle(DomainLifecycleEvent(DomainLifecycleEventType(rawValue: type), detail: detail)))
        case .reboot:
            return DomainEvent(ref, .reboot)
        case .balloonChange:
            guard let kib else { return nil }
            return DomainEvent(ref, .balloonChange(kib))
        case .controlError:
            return DomainEvent(ref, .controlError)
        default:
            return nil
        }
    }

    func encodedLine() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return ((try? Array(encoder.encode(self))) ?? []) + [UInt8(ascii: "\n")]
    }

    static func decodeLine(_ line: [UInt8]) -> DomainEvent? {
        (try? JSONDecoder().decode(LoggedEvent.self, from: Data(line)))?.domainEvent
    }
}
