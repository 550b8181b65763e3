import VirtDriver
import VirtOS
#if canImport(Glibc)
import Glibc
#endif

/// Opens a console pty for one session at a time, across processes: the session holds a flock on
/// `<lock>`; a forced open leaves `<lock>.takeover` for the holder to see (``ConsoleStream/isSuperseded``),
/// waits for it to let go, and takes the console. A session removes its lock file as it ends.
public struct ConsoleSession: Sendable {
    public let errorDomain: ErrorDomain
    /// How long a forced open waits for the current session to close.
    public var takeoverTimeoutNanoseconds: UInt64 = 5_000_000_000

    public init(errorDomain: ErrorDomain) {
        self.errorDomain = errorDomain
    }

    /// The console at `ptyPath` (its terminal set raw, as a byte pipe), exclusive through `lockPath`.
    public func open(ptyPath: String, lockPath: String, force: Bool) async throws(VirtError) -> ConsoleStream {
        let takeover = lockPath + ".takeover"
        let lock = try await exclusive(lockPath, takeover: takeover, force: force)
        unlink(takeover)
        let fd = Glibc.open(ptyPath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            lock.unlockRemovingFile()
            throw VirtError.system(code, "Unable to open character device '\(ptyPath)'", domain: errorDomain)
        }
        var settings = termios()
        if tcgetattr(fd, &settings) == 0 {
            cfmakeraw(&settings)
            tcsetattr(fd, TCSANOW, &settings)
        }
        return ConsoleStream(fileDescriptor: fd, superseded: { access(takeover, F_OK) == 0 }, onClose: { lock.unlockRemovingFile() })
    }

    private func exclusive(_ path: String, takeover: String, force: Bool) async throws(VirtError) -> FileLock {
        do {
            if let lock = try FileLock.tryLock(path) { return lock }
            if force {
                let marker = Glibc.open(takeover, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
                if marker >= 0 { Glibc.close(marker) }
                if let lock = try await FileLock.acquire(path, timeoutNanoseconds: takeoverTimeoutNanoseconds) {
                    return lock
                }
                unlink(takeover)
            }
        } catch let error as SystemCallError {
            throw VirtError.system(error.errno, "cannot lock '\(path)'", domain: errorDomain)
        } catch {
            throw VirtError(.operationAborted, errorDomain, "waiting for the console was cancelled")
        }
        throw VirtError(.operationFailed, errorDomain, "Active console session exists for this domain")
    }
}
