#if canImport(Glibc)
import Glibc
#endif

/// Entries appearing in one directory (inotify: created or moved in), for a loop that
/// otherwise looks every so often: it wakes as soon as something new is there instead of at its next look.
public final class DirectoryChanges: Sendable {
    private let descriptor: Int32

    /// Nil where inotify cannot be had (its limits reached): the caller then simply looks on its timer.
    public init?(_ directory: String) {
        let fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else { return nil }
        guard inotify_add_watch(fd, directory, UInt32(IN_CREATE | IN_MOVED_TO)) >= 0 else {
            close(fd)
            return nil
        }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Returns when an entry appears or after `timeout`, whichever comes first; what arrived meanwhile is
    /// consumed, so the next wait waits for something newer.
    public func wait(timeout: Duration) async {
        let fd = descriptor
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        // poll blocks: on a thread of its own, never one of Swift's cooperative threads.
        await OwnThread.run {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&entry, 1, milliseconds)
            var buffer = [UInt8](repeating: 0, count: 4096)
            while read(fd, &buffer, buffer.count) > 0 {}
        }
    }
}
