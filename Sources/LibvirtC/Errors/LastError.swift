import CLibvirt
import Glibc

/// The calling thread's last error (libvirt keeps it in thread-local storage, so threads never see each
/// other's errors). Created on first use and freed when the thread exits.
enum LastError {
    /// The thread's error record; its `code` is VIR_ERR_OK (0) when the last call succeeded.
    static var record: UnsafeMutablePointer<virError> {
        if let raw = pthread_getspecific(threadKey) {
            return raw.assumingMemoryBound(to: virError.self)
        }
        let record = ErrorRecord.allocate()
        pthread_setspecific(threadKey, record)
        return record
    }

    /// Clears the thread's error, as every entry point does first.
    static func reset() {
        guard let raw = pthread_getspecific(threadKey) else { return }
        let record = raw.assumingMemoryBound(to: virError.self)
        if record.pointee.code != 0 || record.pointee.message != nil { ErrorRecord.reset(record) }
    }

    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in
            guard let raw else { return }
            let record = raw.assumingMemoryBound(to: virError.self)
            ErrorRecord.reset(record)
            free(record)
        }
        return key
    }()
}
