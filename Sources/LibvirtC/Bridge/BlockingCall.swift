import Glibc
import Virt

/// Runs an async Virt call for a C caller and returns its result synchronously.
///
/// The C API is synchronous and its callers are foreign threads, while the Swift API is `async`. The call's
/// task starts at once on the caller's thread (`Task.immediate`) and runs there for as long as it does not
/// suspend, which for in-memory work (test:///, handle bookkeeping, uncontended actors) is the whole call:
/// no thread switch, no queueing. When it does suspend (I/O, a busy actor), it resumes on Swift's global
/// executor like any task, and only the foreign caller waits for it, on a condition variable. No thread of
/// Swift's cooperative pool is ever blocked.
///
/// One instance per thread, reused (see ``forCurrentThread()``).
final class BlockingCall: @unchecked Sendable {
    // Guarded by `mutex`: whether the current call has finished, and whether its caller sleeps on `done`.
    private var finished = false
    private var sleeping = false
    // Only touched by the owning thread: whether a call is in progress on it.
    private var inProgress = false

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let done: UnsafeMutablePointer<pthread_cond_t>

    private init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        done = .allocate(capacity: 1)
        done.initialize(to: pthread_cond_t())
        pthread_cond_init(done, nil)
    }

    deinit {
        pthread_cond_destroy(done)
        done.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `operation` to completion and returns its outcome. Must be called on the owning thread. When it
    /// suspends, it resumes on `executor` if one is given (the event loop a remote connection's replies
    /// arrive on, which then wakes this caller itself), else on Swift's global executor.
    func run<Value: Sendable>(
        on executor: (any TaskExecutor)? = nil,
        _ operation: @escaping @Sendable () async throws(VirtError) -> Value
    ) -> Result<Value, VirtError> {
        withUnsafeTemporaryAllocation(of: Result<Value, VirtError>.self, capacity: 1) { buffer in
            guard let storage = buffer.baseAddress else { preconditionFailure("a one-element buffer has an address") }
            let slot = ResultSlot(storage)
            inProgress = true
            pthread_mutex_lock(mutex)
            finished = false
            pthread_mutex_unlock(mutex)

            Task.immediate(executorPreference: executor) {
                do throws(VirtError) {
                    slot.pointer.initialize(to: .success(try await operation()))
                } catch {
                    slot.pointer.initialize(to: .failure(error))
                }
                self.finish()
            }

            pthread_mutex_lock(mutex)
            while !finished {
                sleeping = true
                pthread_cond_wait(done, mutex)
                sleeping = false
            }
            pthread_mutex_unlock(mutex)
            inProgress = false
            // The task filled the slot before finish(), which the loop above waited for.
            return slot.pointer.move()
        }
    }

    private func finish() {
        pthread_mutex_lock(mutex)
        finished = true
        if sleeping { pthread_cond_signal(done) }
        pthread_mutex_unlock(mutex)
    }

    // MARK: one per thread

    /// The calling thread's instance; a fresh one for a call made while the thread's own is in progress
    /// (a C call from inside a call, which only an error callback or a nested runtime could make).
    static func forCurrentThread() -> BlockingCall {
        if let raw = pthread_getspecific(threadKey) {
            let call = Unmanaged<BlockingCall>.fromOpaque(raw).takeUnretainedValue()
            return call.inProgress ? BlockingCall() : call
        }
        let call = BlockingCall()
        pthread_setspecific(threadKey, Unmanaged.passRetained(call).toOpaque())
        return call
    }

    /// Releases a thread's instance when the thread exits.
    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in
            guard let raw else { return }
            Unmanaged<BlockingCall>.fromOpaque(raw).release()
        }
        return key
    }()
}

/// Where a call's task leaves its result: a slot in the waiting caller's stack frame, which outlives the
/// task's use of it (the caller returns only after the task has filled it and signalled completion).
private struct ResultSlot<Value>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Value>

    init(_ pointer: UnsafeMutablePointer<Value>) {
        self.pointer = pointer
    }
}
