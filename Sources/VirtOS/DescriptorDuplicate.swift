#if canImport(Glibc)
import Glibc
#endif

public enum FileDescriptors {
    /// A second descriptor for what `descriptor` refers to, closed on exec (`dup` would leave it open): a
    /// child this process starts (QEMU, the watcher, any command) must not hold a console or a socket pair,
    /// or the other side never sees its end. Nil, with `errno` set, when there is none to give.
    public static func duplicate(_ descriptor: Int32) -> Int32? {
        let copy = fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
        return copy >= 0 ? copy : nil
    }
}
