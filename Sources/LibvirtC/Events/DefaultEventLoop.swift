import CLibvirt
import Glibc
import Synchronization

/// libvirt's default event loop (`virEventRegisterDefaultImpl`, `virEventRunDefaultImpl`): the caller's
/// descriptors and timers, and the library's own work (domain events to hand to callbacks), all run by
/// whichever thread calls `run()`, so every callback runs there, as with libvirt. A pipe wakes a waiting
/// `run()` when anything changes.
///
/// As libvirt's, a removed watch or timer is forgotten at the start of the next iteration, and only then is
/// its free callback called, so a callback running on the loop's thread never sees its data freed.
final class DefaultEventLoop: Sendable {
    static let shared = DefaultEventLoop()

    /// The library's own work, run in the order it was posted.
    typealias Work = @Sendable () -> Void

    private struct Watch: @unchecked Sendable {
        // The opaque pointer and the C callbacks are the caller's, handed back untouched.
        let id: Int32
        let descriptor: Int32
        var events: Int32
        let callback: virEventHandleCallback
        let opaque: UnsafeMutableRawPointer?
        let free: virFreeCallback?
        var removed = false
    }

    private struct Timer: @unchecked Sendable {
        let id: Int32
        /// Milliseconds between firings; -1 disabled, 0 at every iteration.
        var frequency: Int32
        /// When it fires next, in the monotonic clock's milliseconds (a plain number: with the standard
        /// library's resilient ContinuousClock.Instant here, this library's first use of the struct's type
        /// metadata never returned under Swift 6.3.1).
        var due: Int64
        let callback: virEventTimeoutCallback
        let opaque: UnsafeMutableRawPointer?
        let free: virFreeCallback?
        var removed = false
    }

    private struct State: @unchecked Sendable {
        var registered = false
        var watches: [Watch] = []
        var timers: [Timer] = []
        var nextWatch: Int32 = 1
        var nextTimer: Int32 = 1
        var work: [Work] = []
        var wakeRead: Int32 = -1
        var wakeWrite: Int32 = -1
    }

    private let state = Mutex(State())

    var isRegistered: Bool { state.withLock { $0.registered } }

    /// Makes this loop the process's event loop; again is harmless.
    func register() -> Bool {
        state.withLock { state in
            guard !state.registered else { return true }
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { return false }
            for end in ends {
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
                _ = fcntl(end, F_SETFL, O_NONBLOCK)
            }
            (state.wakeRead, state.wakeWrite, state.registered) = (ends[0], ends[1], true)
            return true
        }
    }

    // MARK: the caller's descriptors and timers (libvirt's virEventAddHandle family)

    func addWatch(
        descriptor: Int32, events: Int32, callback: virEventHandleCallback, opaque: UnsafeMutableRawPointer?,
        free: virFreeCallback?
    ) -> Int32 {
        change { state in
            guard state.registered else { return -1 }
            let id = state.nextWatch
            state.nextWatch += 1
            state.watches.append(Watch(id: id, descriptor: descriptor, events: events, callback: callback, opaque: opaque, free: free))
            return id
        }
    }

    func updateWatch(_ id: Int32, events: Int32) {
        change { state in
            guard let index = state.watches.firstIndex(where: { $0.id == id && !$0.removed }) else { return }
            state.watches[index].events = events
        }
    }

    func removeWatch(_ id: Int32) -> Int32 {
        change { state in
            guard let index = state.watches.firstIndex(where: { $0.id == id && !$0.removed }) else { return -1 }
            state.watches[index].removed = true
            return 0
        }
    }

    func addTimer(
        frequency: Int32, callback: virEventTimeoutCallback, opaque: UnsafeMutableRawPointer?, free: virFreeCallback?
    ) -> Int32 {
        change { state in
            guard state.registered else { return -1 }
            let id = state.nextTimer
            state.nextTimer += 1
            state.timers.append(Timer(id: id, frequency: frequency, due: Self.due(after: frequency), callback: callback,
                                      opaque: opaque, free: free))
            return id
        }
    }

    func updateTimer(_ id: Int32, frequency: Int32) {
        change { state in
            guard let index = state.timers.firstIndex(where: { $0.id == id && !$0.removed }) else { return }
            state.timers[index].frequency = frequency
            state.timers[index].due = Self.due(after: frequency)
        }
    }

    func removeTimer(_ id: Int32) -> Int32 {
        change { state in
            guard let index = state.timers.firstIndex(where: { $0.id == id && !$0.removed }) else { return -1 }
            state.timers[index].removed = true
            return 0
        }
    }

    // MARK: the library's work

    /// Runs `work` on the loop's thread, after what was posted before it.
    func post(_ work: @escaping Work) {
        change { $0.work.append(work) }
    }

    // MARK: one iteration

    /// Forgets what was removed, waits for a descriptor, a timer or posted work, then runs the timers that
    /// are due, the descriptors that are ready, and the posted work. False when the loop is not registered.
    func runOnce() -> Bool {
        let (removed, watches, timers, wakeRead, hasWork) = state.withLock { state in
            var removed: [FreeCall] = []
            for watch in state.watches where watch.removed { removed.append(FreeCall(free: watch.free, opaque: watch.opaque)) }
            for timer in state.timers where timer.removed { removed.append(FreeCall(free: timer.free, opaque: timer.opaque)) }
            state.watches.removeAll { $0.removed }
            state.timers.removeAll { $0.removed }
            return (removed, state.watches, state.timers, state.wakeRead, !state.work.isEmpty)
        }
        guard wakeRead >= 0 else { return false }
        removed.forEach { $0.run() }

        let now = Self.now()
        var timeout: Int32 = hasWork ? 0 : -1
        for timer in timers where timer.frequency >= 0 {
            let left = Int32(clamping: max(timer.due - now, 0))
            timeout = timeout < 0 ? left : min(timeout, left)
        }
        let watched = watches.filter { $0.events != 0 }
        var descriptors = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        descriptors += watched.map { pollfd(fd: $0.descriptor, events: Self.pollEvents($0.events), revents: 0) }
        while poll(&descriptors, nfds_t(descriptors.count), timeout) < 0 && errno == EINTR {}
        var drain = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &drain, drain.count) > 0 {}

        let fired = Self.now()
        for timer in timers where timer.frequency >= 0 && timer.due <= fired {
            // Still there, and rescheduled before it runs (it may change or remove itself).
            let live = state.withLock { state -> Bool in
                guard let index = state.timers.firstIndex(where: { $0.id == timer.id && !$0.removed }),
                      state.timers[index].frequency >= 0 else { return false }
                state.timers[index].due = Self.due(after: state.timers[index].frequency, from: fired)
                return true
            }
            if live { timer.callback(timer.id, timer.opaque) }
        }
        for (index, watch) in watched.enumerated() where descriptors[index + 1].revents != 0 {
            let live = state.withLock { state in state.watches.contains { $0.id == watch.id && !$0.removed } }
            if live { watch.callback(watch.id, watch.descriptor, Self.handleEvents(descriptors[index + 1].revents), watch.opaque) }
        }
        let work = state.withLock { state -> [Work] in
            defer { state.work.removeAll() }
            return state.work
        }
        for item in work { item() }
        return true
    }

    // MARK: helpers

    /// Changes the state and wakes a waiting `run()`.
    private func change<R>(_ body: (inout State) -> R) -> R {
        let (result, wake) = state.withLock { state in (body(&state), state.wakeWrite) }
        if wake >= 0 {
            var byte: UInt8 = 1
            _ = write(wake, &byte, 1)
        }
        return result
    }

    private static func due(after frequency: Int32, from start: Int64 = now()) -> Int64 {
        start + Int64(max(frequency, 0))
    }

    /// The monotonic clock, in milliseconds.
    private static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }

    private static func pollEvents(_ events: Int32) -> Int16 {
        var result: Int32 = 0
        if events & Int32(VIR_EVENT_HANDLE_READABLE.rawValue) != 0 { result |= Int32(POLLIN) }
        if events & Int32(VIR_EVENT_HANDLE_WRITABLE.rawValue) != 0 { result |= Int32(POLLOUT) }
        return Int16(result)
    }

    private static func handleEvents(_ revents: Int16) -> Int32 {
        let bits = Int32(revents)
        var result: Int32 = 0
        if bits & Int32(POLLIN) != 0 { result |= Int32(VIR_EVENT_HANDLE_READABLE.rawValue) }
        if bits & Int32(POLLOUT) != 0 { result |= Int32(VIR_EVENT_HANDLE_WRITABLE.rawValue) }
        if bits & Int32(POLLERR) != 0 { result |= Int32(VIR_EVENT_HANDLE_ERROR.rawValue) }
        if bits & Int32(POLLHUP) != 0 { result |= Int32(VIR_EVENT_HANDLE_HANGUP.rawValue) }
        return result
    }
}
