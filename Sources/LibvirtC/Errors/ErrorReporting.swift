import CLibvirt
import Synchronization
import Virt

/// A registered error callback with its user data (`virSetErrorFunc` / `virConnSetErrorFunc`).
struct ErrorCallback: @unchecked Sendable {
    // The user data is the caller's, passed back untouched; the callback is a plain C function pointer.
    var handler: virErrorFunc
    var userData: UnsafeMutableRawPointer?
}

/// How a failed call is reported, the way libvirt's public functions end on failure: the error becomes the
/// thread's last error, is copied into the connection the call was made on (if it had a valid one), and
/// is passed once to the connection's callback, else the global one, else virDefaultErrorFunc().
enum ErrorReporting {
    /// The callback set by virSetErrorFunc(); nil means print with virDefaultErrorFunc().
    static let globalCallback = Mutex<ErrorCallback?>(nil)

    static func report(_ error: VirtError, on connection: ConnectHandle?) {
        let record = LastError.record
        ErrorRecord.store(error, in: record)
        let callback = connection?.recordError(record) ?? globalCallback.withLock { $0 }
        if let callback {
            callback.handler(callback.userData, record)
        } else {
            printDefault(record)
        }
    }
}
