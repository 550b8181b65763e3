#if canImport(Glibc)
    import Glibc
#endif

/// posix_spawn attributes that give a child a clean signal state: nothing blocked, every disposition the
/// default. Without them a child inherits the spawning thread's mask and the test runner's ignored signals
/// (SIGPIPE), and a daemon or script started by a test could never be stopped with SIGTERM.
enum CleanSpawnAttributes {
    static func withAttributes<R>(_ body: (UnsafePointer<posix_spawnattr_t>) -> R) -> R {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        return body(&attributes)
    }
}
