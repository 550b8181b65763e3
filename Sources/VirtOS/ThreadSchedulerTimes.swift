/// How long a thread waited for a host CPU, as the scheduler counts it (what libvirt reports per vCPU as
/// "vcpu.N.wait" and "vcpu.N.delay").
public struct ThreadSchedulerTimes: Sendable, Equatable {
    /// Time spent runnable but not running, from /proc/<pid>/task/<tid>/sched's `se.statistics.wait_sum`
    /// (`se.wait_sum` on older kernels), in nanoseconds; 0 when the kernel keeps no schedstats
    /// (kernel.sched_schedstats=0, or no CONFIG_SCHED_DEBUG).
    public var waitNanoseconds: UInt64
    /// Time spent on a run queue waiting to run, from /proc/<pid>/task/<tid>/schedstat's second field, in
    /// nanoseconds (the guest sees it as steal time).
    public var delayNanoseconds: UInt64

    public static func read(pid: Int32, thread: Int32) -> ThreadSchedulerTimes {
        let task = "/proc/\(pid)/task/\(thread)"
        let sched = (try? FileIO.read(task + "/sched", limit: 1 << 16)).map { String(decoding: $0, as: UTF8.self) }
        let schedstat = (try? FileIO.read(task + "/schedstat", limit: FileSizeLimit.record)).map { String(decoding: $0, as: UTF8.self) }
        return ThreadSchedulerTimes(waitNanoseconds: sched.map(parseWait) ?? 0, delayNanoseconds: schedstat.map(parseDelay) ?? 0)
    }

    /// The wait sum of a sched file: milliseconds with a fraction ("se.statistics.wait_sum : 12.345678").
    public static func parseWait(_ text: String) -> UInt64 {
        for line in text.split(separator: "\n") where line.hasPrefix("se.statistics.wait_sum") || line.hasPrefix("se.wait_sum") {
            guard let colon = line.firstIndex(of: ":"),
                  let milliseconds = Double(line[line.index(after: colon)...].trimmingCharacters()),
                  milliseconds >= 0, milliseconds < Double(UInt64.max) / 1_000_000 else { return 0 }
            return UInt64(milliseconds * 1_000_000)
        }
        return 0
    }

    /// The run delay of a schedstat line ("<on cpu ns> <waiting ns> <timeslices>").
    public static func parseDelay(_ text: String) -> UInt64 {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        return fields.count > 1 ? UInt64(fields[1]) ?? 0 : 0
    }
}
