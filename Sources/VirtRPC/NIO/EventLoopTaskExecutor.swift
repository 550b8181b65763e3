public import NIOCore

/// Runs tasks on a connection's event loop instead of Swift's cooperative pool (NIO glue both sides of the
/// protocol use; the codec itself never touches it). The daemon runs each client's calls there: a call the
/// driver answers without suspending costs no thread hop, and the reply is written from the thread that read
/// the call. The remote driver waits for replies there: the reply resumes the caller on the loop that read it,
/// not on another thread. Nothing run there blocks a thread (the cooperative pool's rule applies here too).
public final class EventLoopTaskExecutor: TaskExecutor {
    public let loop: any EventLoop

    public init(_ loop: any EventLoop) {
        self.loop = loop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { job.runSynchronously(on: executor) }
    }
}
