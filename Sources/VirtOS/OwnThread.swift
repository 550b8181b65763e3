#if canImport(Glibc)
import Glibc
#endif

/// Runs a blocking call on a thread of its own and resumes the caller when it returns, so a call that waits
/// for seconds (a libxl create or save, a console read) never holds one of Swift's cooperative threads.
public enum OwnThread {
    private final class Job: @unchecked Sendable {
        // Set once before the thread starts and run exactly once on it.
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }
    }

    public static func run<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { (continuation: CheckedContinuation<Result, Never>) in
            let job = Unmanaged.passRetained(Job { continuation.resume(returning: body()) })
            var thread = pthread_t()
            let started = pthread_create(&thread, nil, { context in
                guard let context else { return nil }
                Unmanaged<Job>.fromOpaque(context).takeRetainedValue().work()
                return nil
            }, job.toOpaque())
            if started == 0 {
                pthread_detach(thread)
            } else {
                // No thread to be had (resource limits): do the work here rather than not at all.
                job.takeRetainedValue().work()
            }
        }
    }
}
