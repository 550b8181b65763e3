import Glibc
import Virt

/// Runs an async Virt call for a C caller, on the caller's own thread.
///
/// The C API is synchronous and its callers are foreign threads, while the Swift API is `async`. Blocking
/// the caller on a semaphore while a task runs elsewhere would cost two thread switches per call. Instead,
/// the call's task prefers this executor (SE-0417), so its jobs, and the jobs of any default actor it
/// enters, are queued here and run by the waiting caller itself. Jobs that come back from elsewhere (an
/// actor with its own executor, a timer, an I/O event loop) wake the caller through a condition variable.
/// No thread of Swift's cooperative pool is ever blocked: only the foreign caller waits.
///
/// One executor serves one thread (see ``forCurrentThread()``). A job that arrives while no call is being
/// drained, for instance from a task a driver left behind, is handed to the global concurrent executor.
final class CallerThreadExecutor: TaskExecutor, @unchecked Sendable {
    // Guarded by `mutex`: the queue, and whether a caller is draining it / sleeping on `wakeUp`.
    private var jobs: [UnownedJob] = []
    private var draining = false
    private var sleeping = false
    private var callFinished = false

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let wakeUp: UnsafeMutablePointer<pthread_cond_t>

    private init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        wakeUp = .allocate(capacity: 1)
        wakeUp.initialize(to: pthread_cond_t())
        pthread_cond_init(wakeUp, nil)
    }

    deinit {
        pthread_cond_destroy(wakeUp)
        wakeUp.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        pthread_mutex_lock(mutex)
        guard draining else {
            pthread_mutex_unlock(mutex)
            globalConcurrentExecutor.enqueue(ExecutorJob(job))
            return
        }
        jobs.append(job)
        if sleeping { pthread_cond_signal(wakeUp) }
        pthread_mutex_unlock(mutex)
    }

    /// Starts `operation` in a task that prefers this executor and runs its jobs on this thread until it
    /// has finished. Must be called on the thread that owns the executor.
    func run<Value: Sendable>(
        _ operation: @escaping @Sendable () async throws(VirtError) -> Value
    ) -> Result<Value, VirtError> {
        let outcome = OutcomeBox<Value>()
        pthread_mutex_lock(mutex)
        draining = true
        callFinished = false
        pthread_mutex_unlock(mutex)

        Task(executorPreference: self) {
            let result: Result<Value, VirtError>
            do throws(VirtError) {
                result = .success(try await operation())
            } catch {
                result = .failure(error)
            }
            outcome.result = result
            self.finishCall()
        }
        drainUntilFinished()
        // The task wrote the outcome before finishCall(), under the mutex drainUntilFinished() last took.
        guard let result = outcome.result else {
            return .failure(.internalError("the call ended without a result", domain: .none))
        }
        return result
    }

    private func finishCall() {
        pthread_mutex_lock(mutex)
        callFinished = true
        if sleeping { pthread_cond_signal(wakeUp) }
        pthread_mutex_unlock(mutex)
    }

    private func drainUntilFinished() {
        var batch: [UnownedJob] = []
        while true {
            pthread_mutex_lock(mutex)
            while jobs.isEmpty && !callFinished {
                sleeping = true
                pthread_cond_wait(wakeUp, mutex)
                sleeping = false
            }
            if jobs.isEmpty {
                draining = false
                pthread_mutex_unlock(mutex)
                return
            }
            swap(&batch, &jobs)
            pthread_mutex_unlock(mutex)
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }

    // MARK: one executor per thread

    /// The calling thread's executor; a fresh one while the thread's own is busy (a call made from inside
    /// a call, such as from an error callback that runs while a job is executing).
    static func forCurrentThread() -> CallerThreadExecutor {
        if let raw = pthread_getspecific(threadKey) {
            let executor = Unmanaged<CallerThreadExecutor>.fromOpaque(raw).takeUnretainedValue()
            if !executor.isBusy { return executor }
            return CallerThreadExecutor()
        }
        let executor = CallerThreadExecutor()
        pthread_setspecific(threadKey, Unmanaged.passRetained(executor).toOpaque())
        return executor
    }

    private var isBusy: Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return draining
    }

    /// Releases a thread's executor when the thread exits.
    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in
            guard let raw else { return }
            Unmanaged<CallerThreadExecutor>.fromOpaque(raw).release()
        }
        return key
    }()
}

/// Where a call's task leaves its result for the waiting caller. Written once by the task before it
/// signals completion under the executor's mutex, read by the caller after it has seen that signal.
private final class OutcomeBox<Value: Sendable>: @unchecked Sendable {
    var result: Result<Value, VirtError>?
}
