import CLibvirt
import Glibc
import Synchronization

/// The caller's own event loop (`virEventRegisterImpl`): the six functions it registered, which
/// virEventAddHandle and the rest forward to, and the library's own work (domain events for callbacks)
/// run by that loop: a pipe the library writes to when work is waiting, watched through the caller's
/// addHandle, whose callback runs the work on the loop's thread, as libvirt's remote driver has its
/// messages dispatched there.
final class CallerEventLoop: Sendable {
    struct Functions: @unchecked Sendable {
        // The caller's C functions, called as they are.
        let addHandle: virEventAddHandleFunc?
        let updateHandle: virEventUpdateHandleFunc?
        let removeHandle: virEventRemoveHandleFunc?
        let addTimeout: virEventAddTimeoutFunc?
        let updateTimeout: virEventUpdateTimeoutFunc?
        let removeTimeout: virEventRemoveTimeoutFunc?
    }

    let functions: Functions

    private struct Wakeup {
        var read: Int32 = -1
        var write: Int32 = -1
        var watch: Int32 = -1
        var work: [DefaultEventLoop.Work] = []
    }

    private let wakeup = Mutex(Wakeup())

    init(_ functions: Functions) {
        self.functions = functions
    }

    /// Watches the wakeup pipe through the caller's loop, once; false when that cannot be done (no
    /// addHandle, no pipe, or the caller's addHandle refused it).
    func prepare() -> Bool {
        guard let addHandle = functions.addHandle else { return false }
        let ends = wakeup.withLock { state -> (Int32, Bool)? in
            guard state.watch < 0 else { return nil }
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { return (-1, false) }
            for end in ends {
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
                _ = fcntl(end, F_SETFL, O_NONBLOCK)
            }
            (state.read, state.write) = (ends[0], ends[1])
            return (ends[0], true)
        }
        guard let (read, made) = ends else { return true }
        guard made else { return false }
        // Outside the lock: the caller's addHandle may call back into the library.
        let watch = addHandle(read, Int32(VIR_EVENT_HANDLE_READABLE.rawValue), { _, _, _, _ in
            ProcessEventLoop.callerLoop?.runWaitingWork()
        }, nil, nil)
        return wakeup.withLock { state in
            guard watch >= 0 else {
                close(state.read)
                close(state.write)
                (state.read, state.write) = (-1, -1)
                return false
            }
            state.watch = watch
            return true
        }
    }

    /// Queues `work` for the caller's loop and wakes it.
    func post(_ work: @escaping DefaultEventLoop.Work) {
        let descriptor = wakeup.withLock { state in
            state.work.append(work)
            return state.write
        }
        var byte: UInt8 = 1
        if descriptor >= 0 { _ = write(descriptor, &byte, 1) }
    }

    /// On the caller's loop: empties the pipe, then runs what was queued, in order.
    private func runWaitingWork() {
        let (descriptor, work) = wakeup.withLock { state in
            defer { state.work.removeAll() }
            return (state.read, state.work)
        }
        var drain = [UInt8](repeating: 0, count: 256)
        while descriptor >= 0, read(descriptor, &drain, drain.count) > 0 {}
        for item in work { item() }
    }
}
