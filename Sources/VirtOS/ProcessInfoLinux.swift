import CVirtOS
#if canImport(Glibc)
import Glibc
#endif

/// What /proc says about a process or one of its threads.
public struct ProcStat: Sendable, Equatable {
    /// R, S, D, Z, T, ...
    public var state: Character
    /// User plus system time, in nanoseconds.
    public var cpuTimeNanoseconds: UInt64 { userTimeNanoseconds + systemTimeNanoseconds }
    public var userTimeNanoseconds: UInt64
    public var systemTimeNanoseconds: UInt64
    /// The CPU it last ran on.
    public var lastCPU: Int32
    /// Start time in clock ticks since boot: with the pid, identifies a process across pid reuse.
    public var startTime: UInt64
    /// Resident memory, in KiB.
    public var residentKiB: UInt64

    /// Reads /proc/<pid>/stat, or /proc/<pid>/task/<tid>/stat for a thread.
    public static func read(pid: Int32, thread: Int32? = nil) -> ProcStat? {
        let path = thread.map { "/proc/\(pid)/task/\($0)/stat" } ?? "/proc/\(pid)/stat"
        guard let bytes = try? FileIO.read(path, limit: FileSizeLimit.record) else { return nil }
        return parse(String(decoding: bytes, as: UTF8.self))
    }

    /// Parses a stat line. The command name is in parentheses and may itself contain spaces or parentheses,
    /// so fields are counted from the last ')'.
    public static func parse(_ line: String) -> ProcStat? {
        guard let close = line.lastIndex(of: ")") else { return nil }
        let fields = line[line.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
        // fields[0] is field 3 (state); field N is fields[N - 3].
        guard fields.count > 36, let state = fields[0].first,
              let utime = UInt64(fields[11]), let stime = UInt64(fields[12]),
              let start = UInt64(fields[19]), let rssPages = UInt64(fields[21]), let cpu = Int32(fields[36]) else { return nil }
        let ticks = UInt64(max(1, sysconf(Int32(_SC_CLK_TCK))))
        let pageKiB = UInt64(max(1, sysconf(Int32(_SC_PAGESIZE)))) / 1024
        let nanosecondsPerTick = 1_000_000_000 / ticks
        return ProcStat(state: state, userTimeNanoseconds: utime * nanosecondsPerTick,
                        systemTimeNanoseconds: stime * nanosecondsPerTick, lastCPU: cpu, startTime: start,
                        residentKiB: rssPages * pageKiB)
    }
}

/// Whether processes exist, and signalling them.
public enum ProcessControl {
    /// Whether `pid` is a live (not zombie) process, and, if `startTime` is given, the same one that had it.
    public static func isAlive(_ pid: Int32, startTime: UInt64? = nil) -> Bool {
        guard pid > 0, let stat = ProcStat.read(pid: pid), stat.state != "Z", stat.state != "X" else { return false }
        if let startTime { return stat.startTime == startTime }
        return true
    }

    /// Sends `signal`; a process that is already gone is not an error.
    public static func signal(_ pid: Int32, _ signal: Int32) throws(SystemCallError) {
        if kill(pid, signal) != 0 && errno != ESRCH {
            throw SystemCallError(.kill, "pid \(pid)", errno: errno)
        }
    }

    /// The arguments `pid` was started with (/proc/<pid>/cmdline); nil if it is gone.
    public static func arguments(of pid: Int32) -> [String]? {
        guard pid > 0, let bytes = try? FileIO.read("/proc/\(pid)/cmdline", limit: 1 << 20), !bytes.isEmpty else { return nil }
        return bytes.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
    }

    /// The calling thread's kernel id.
    public static func currentThreadID() -> Int32 { cvirtos_gettid() }

    /// The thread ids of a process.
    public static func threads(of pid: Int32) -> [Int32] {
        Paths.contents(of: "/proc/\(pid)/task").compactMap { Int32($0) }.sorted()
    }
}

/// CPU affinity of threads (sched_setaffinity / sched_getaffinity).
public enum Affinity {
    /// The host CPUs this process may use.
    public static func onlineCPUCount() -> Int {
        Int(sysconf(Int32(_SC_NPROCESSORS_CONF)))
    }

    /// Restricts thread `tid` to the CPUs set in `map` (libvirt's bit order).
    public static func set(thread tid: Int32, map: [UInt8]) throws(SystemCallError) {
        if cvirtos_set_affinity(tid, map, map.count) != 0 {
            throw SystemCallError(.affinity, "thread \(tid)", errno: errno)
        }
    }

    /// The CPUs thread `tid` may run on, as a map of `length` bytes.
    public static func get(thread tid: Int32, length: Int) throws(SystemCallError) -> [UInt8] {
        var map = [UInt8](repeating: 0, count: max(length, 128))
        if cvirtos_get_affinity(tid, &map, map.count) != 0 {
            throw SystemCallError(.affinity, "thread \(tid)", errno: errno)
        }
        return Array(map.prefix(length))
    }
}
