#if canImport(Glibc)
import Glibc
#endif
import CVirtOS
import Synchronization

/// An exclusive advisory lock on a file (flock), held until ``unlock()`` or deinit. Locks taken by another
/// process (or another open of the file) exclude this one; the kernel drops them if the process dies, so a
/// crashed client never leaves a domain locked. A flock belongs to the open file, which fork() shares with
/// the child: the lock's descriptor is therefore closed in any child forked without exec (libxenlight's
/// helpers outlive a killed client, and used to keep its domain locked for as long as the guest ran).
///
/// Acquisition never blocks a thread: ``tryLock(_:)`` either gets the lock or reports it busy; callers that
/// must wait retry with an async sleep between tries (``FileLock/acquire(_:timeoutNanoseconds:)``).
public final class FileLock: Sendable {
    private let fd: Mutex<Int32>
    public let path: String

    private init(fd: Int32, path: String) {
        self.fd = Mutex(fd)
        self.path = path
    }

    deinit {
        unlock()
    }

    /// Takes the lock if it is free; nil if another holder has it.
    ///
    /// A holder may remove the file as it lets go (``unlockRemovingFile()``); whoever opened the old file
    /// meanwhile finds, once it has the lock, that the path no longer names what it locked, and starts over
    /// on the path as it is now.
    public static func tryLock(_ path: String) throws(SystemCallError) -> FileLock? {
        while true {
            let fd = try retryingInterrupts(.open, path) { open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600) }
            _ = cvirtos_fork_private_add(fd)
            while flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                if code == EINTR { continue }
                closeForkPrivate(fd)
                if code == EWOULDBLOCK { return nil }
                throw SystemCallError(.flock, path, errno: code)
            }
            if names(path, fd) { return FileLock(fd: fd, path: path) }
            closeForkPrivate(fd)
        }
    }

    /// Whether `path` still names the file open as `fd`.
    private static func names(_ path: String, _ fd: Int32) -> Bool {
        var opened = stat()
        var named = stat()
        guard fstat(fd, &opened) == 0, stat(path, &named) == 0 else { return false }
        return opened.st_ino == named.st_ino && opened.st_dev == named.st_dev
    }

    /// Waits (asynchronously, backing off up to 50 ms between tries) until the lock is free and takes it.
    /// Returns nil if `timeoutNanoseconds` pass first.
    public static func acquire(_ path: String, timeoutNanoseconds: UInt64) async throws -> FileLock? {
        let start = ContinuousClock.now
        var pause: UInt64 = 1_000_000
        while true {
            if let lock = try tryLock(path) { return lock }
            if ContinuousClock.now - start > .nanoseconds(Int64(timeoutNanoseconds)) { return nil }
            try await Task.sleep(nanoseconds: pause)
            pause = min(pause * 2, 50_000_000)
        }
    }

    /// Whether some holder has the lock right now (used to tell a live owner from a stale file).
    public static func isHeld(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK
    }

    /// Removes the lock's file, then lets go: for a lock whose subject is gone (a domain that no longer
    /// exists), so its file does not linger. Safe against anyone waiting for it (see ``tryLock(_:)``).
    public func unlockRemovingFile() {
        fd.withLock { fd in
            guard fd >= 0 else { return }
            unlink(path)
            flock(fd, LOCK_UN)
            Self.closeForkPrivate(fd)
            fd = -1
        }
    }

    public func unlock() {
        fd.withLock { fd in
            guard fd >= 0 else { return }
            flock(fd, LOCK_UN)
            Self.closeForkPrivate(fd)
            fd = -1
        }
    }

    /// Unmarked before it is closed: once closed, the number may name someone else's descriptor.
    private static func closeForkPrivate(_ fd: Int32) {
        cvirtos_fork_private_remove(fd)
        close(fd)
    }
}
