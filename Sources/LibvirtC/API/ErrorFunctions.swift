import CLibvirt
import Glibc
import Virt

// libvirt's error API (virterror.h). None of these reset the last error: they read or manage it.

/// The thread's last error, or NULL when its last call succeeded. Valid until the thread's next call.
@c @implementation
public func virGetLastError() -> virErrorPtr? {
    let record = LastError.record
    return record.pointee.code == 0 ? nil : record
}

@c @implementation
public func virGetLastErrorCode() -> Int32 {
    LastError.record.pointee.code
}

@c @implementation
public func virGetLastErrorDomain() -> Int32 {
    LastError.record.pointee.domain
}

@c @implementation
public func virGetLastErrorMessage() -> UnsafePointer<CChar>? {
    let record = LastError.record
    if record.pointee.code == 0 { return PermanentStrings.shared.cString("no error") }
    guard let message = record.pointee.message else { return PermanentStrings.shared.cString("unknown error") }
    return UnsafePointer(message)
}

@c @implementation
public func virResetLastError() {
    LastError.reset()
}

/// A copy of the last error for the caller to release with virFreeError().
@c @implementation
public func virSaveLastError() -> virErrorPtr? {
    let copy = ErrorRecord.allocate()
    ErrorRecord.copy(LastError.record, to: copy)
    return copy
}

/// Copies the last error into `to` (the caller releases its strings with virResetError()); returns its
/// code, 0 when there was none, -1 when `to` is NULL.
@c @implementation
public func virCopyLastError(_ to: virErrorPtr?) -> Int32 {
    guard let to else { return -1 }
    to.pointee = virError()
    ErrorRecord.copy(LastError.record, to: to)
    return to.pointee.code
}

@c @implementation
public func virResetError(_ err: virErrorPtr?) {
    guard let err else { return }
    ErrorRecord.reset(err)
}

@c @implementation
public func virFreeError(_ err: virErrorPtr?) {
    guard let err else { return }
    ErrorRecord.reset(err)
    free(err)
}

/// The connection's copy of its last error; not safe across threads (use virGetLastError()).
@c @implementation
public func virConnGetLastError(_ conn: virConnectPtr?) -> virErrorPtr? {
    Handles.connections.lookup(conn)?.lastErrorRecord
}

@c @implementation
public func virConnCopyLastError(_ conn: virConnectPtr?, _ to: virErrorPtr?) -> Int32 {
    guard let to else { return -1 }
    to.pointee = virError()
    guard let handle = Handles.connections.lookup(conn) else { return -1 }
    return handle.copyLastError(to: to)
}

@c @implementation
public func virConnResetLastError(_ conn: virConnectPtr?) {
    Handles.connections.lookup(conn)?.resetLastError()
}

/// Sets the callback for errors on connections without their own; NULL restores printing on stderr.
@c @implementation
public func virSetErrorFunc(_ userData: UnsafeMutableRawPointer?, _ handler: virErrorFunc?) {
    let callback = handler.map { ErrorCallback(handler: $0, userData: userData) }
    ErrorReporting.globalCallback.withLock { $0 = callback }
}

/// Sets the callback for this connection's errors; NULL falls back to the global one.
@c @implementation
public func virConnSetErrorFunc(_ conn: virConnectPtr?, _ userData: UnsafeMutableRawPointer?, _ handler: virErrorFunc?) {
    let callback = handler.map { ErrorCallback(handler: $0, userData: userData) }
    Handles.connections.lookup(conn)?.setCallback(callback)
}

@c @implementation
public func virDefaultErrorFunc(_ err: virErrorPtr?) {
    guard let err else { return }
    ErrorReporting.printDefault(err)
}
