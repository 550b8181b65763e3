import CVirtOS
#if canImport(Glibc)
import Glibc
#endif

/// Starts programs without fork in this (multi-threaded) process: posix_spawn, optionally in a new session,
/// with stdin from /dev/null, stdout and stderr appended to a log file, and no other descriptors inherited.
public enum ProcessLauncher {
    public struct Options: Sendable {
        /// Where stdout and stderr go (appended); nil sends them to /dev/null.
        public var logPath: String?
        /// Start the program in its own session, detached from our terminal and process group.
        public var newSession: Bool
        /// Extra environment entries ("NAME=value"); the rest is inherited.
        public var environment: [String]
        /// A descriptor the program inherits as descriptor 3 (every other one above 2 is closed).
        public var passedDescriptor: Int32?
        /// A descriptor that becomes the program's standard input and output (a socket to talk to it
        /// through, as ssh is run); only stderr then goes to the log.
        public var standardIO: Int32?

        public init(logPath: String? = nil, newSession: Bool = true, environment: [String] = [], passedDescriptor: Int32? = nil,
                    standardIO: Int32? = nil) {
            self.logPath = logPath
            self.newSession = newSession
            self.environment = environment
            self.passedDescriptor = passedDescriptor
            self.standardIO = standardIO
        }
    }

    /// Spawns `executable` (an absolute path, or a name looked up on PATH) with `arguments`.
    public static func spawn(_ executable: String, _ arguments: [String], options: Options = Options()) throws(SystemCallError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let log = options.logPath ?? "/dev/null"
        if let io = options.standardIO {
            posix_spawn_file_actions_adddup2(&actions, io, 0)
            posix_spawn_file_actions_adddup2(&actions, io, 1)
            posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        if let passed = options.passedDescriptor {
            posix_spawn_file_actions_adddup2(&actions, passed, 3)
            cvirtos_spawn_add_closefrom(&actions, 4)
        } else {
            cvirtos_spawn_add_closefrom(&actions, 3)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var flags = Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if options.newSession { flags |= cvirtos_spawn_setsid_flag() }
        posix_spawnattr_setflags(&attributes, flags)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment: [String] = []
        var index = 0
        while let entry = environ[index] {
            environment.append(String(cString: entry))
            index += 1
        }
        let envp = (environment + options.environment).map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }

        var pid = pid_t()
        let status = executable.contains("/")
            ? posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            : posix_spawnp(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else { throw SystemCallError(.spawn, executable, errno: status) }
        return pid
    }

    /// How a child ended.
    public enum Exit: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Reaps our child `pid` if it has ended; nil while it runs. Never blocks.
    public static func reap(_ pid: pid_t) -> Exit? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return nil }
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    /// Waits, without blocking a thread, until our child `pid` ends; nil if `timeout` passes first.
    public static func waitForExit(_ pid: pid_t, timeout: Duration) async -> Exit? {
        let deadline = ContinuousClock.now + timeout
        var pause = Duration.milliseconds(1)
        while ContinuousClock.now < deadline {
            if let exit = reap(pid) { return exit }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(20))
        }
        return reap(pid)
    }
}
