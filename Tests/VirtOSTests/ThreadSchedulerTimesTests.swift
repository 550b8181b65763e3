import Glibc
import Testing
import VirtOS

/// A thread's scheduler waits as the kernel writes them: sched's wait sum (only with schedstats on) and
/// schedstat's run delay.
@Suite struct ThreadSchedulerTimesTests {
    @Test("sched's wait sum in milliseconds becomes nanoseconds; its old name too; none without schedstats")
    func wait() {
        #expect(ThreadSchedulerTimes.parseWait("se.exec_start : 1.0\nse.statistics.wait_sum                  :            12.345678\n") == 12_345_678)
        #expect(ThreadSchedulerTimes.parseWait("se.wait_sum : 2.5\n") == 2_500_000)
        #expect(ThreadSchedulerTimes.parseWait("se.exec_start : 1.0\nnr_switches : 3\n") == 0)
        #expect(ThreadSchedulerTimes.parseWait("se.statistics.wait_sum : garbage\n") == 0)
    }

    @Test("schedstat's second field is the run delay")
    func delay() {
        #expect(ThreadSchedulerTimes.parseDelay("302623365 119649382 954\n") == 119_649_382)
        #expect(ThreadSchedulerTimes.parseDelay("302623365\n") == 0)
    }

    @Test("a live thread's delay is read from its own schedstat (between two direct readings of it)")
    func ownThread() throws {
        let pid = getpid(), thread = ProcessControl.currentThreadID()
        let path = "/proc/\(pid)/task/\(thread)/schedstat"
        func direct() throws -> UInt64 { ThreadSchedulerTimes.parseDelay(String(decoding: try FileIO.read(path, limit: 4096), as: UTF8.self)) }
        let before = try direct()
        let times = ThreadSchedulerTimes.read(pid: pid, thread: thread)
        let after = try direct()
        #expect(before <= times.delayNanoseconds && times.delayNanoseconds <= after, "\(before) \(times.delayNanoseconds) \(after)")
    }
}
