import NIOCore

/// Runs a client's calls on that client's event loop instead of Swift's cooperative pool: a call whose driver
/// answers without suspending (test:///, lookups, info from records) then costs no thread hop at all, and
/// the reply is written from the thread that read the call. Drivers never block a thread (the rule for the
/// cooperative pool applies here too), so an event loop is never held up by one client's call.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { job.runSynchronously(on: executor) }
    }
}
