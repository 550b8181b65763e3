import CLibvirt
import Synchronization
import Virt

/// What a `virConnectPtr` stands for: a Virt ``Connection`` plus the C-only state libvirt keeps in its
/// connection object: a reference count, the connection's copy of the last error, and its error callback.
///
/// References: one for the caller's open, one per live domain object (libvirt's domains hold their
/// connection). virConnectClose() drops the caller's; the connection really closes when the last goes.
final class ConnectHandle: Sendable {
    let connection: Connection
    /// The `virConnectPtr` the caller holds, as its bits (pointers are not Sendable; tokens are plain numbers).
    private let handleBits: UInt
    var handle: OpaquePointer? { OpaquePointer(bitPattern: handleBits) }

    private struct State: @unchecked Sendable {
        // `lastError` is a C record owned by this handle; only touched under the mutex, except through
        // virConnGetLastError(), which libvirt documents as unsafe across threads.
        var references = 1
        var callback: ErrorCallback?
        let lastError: UnsafeMutablePointer<virError>
    }

    private let state: Mutex<State>

    init(_ connection: Connection, handle: OpaquePointer) {
        self.connection = connection
        handleBits = UInt(bitPattern: handle)
        state = Mutex(State(lastError: ErrorRecord.allocate()))
    }

    deinit {
        state.withLock { state in
            ErrorRecord.reset(state.lastError)
            state.lastError.deallocate()
        }
    }

    /// Takes a reference for a new domain object; false once the connection is gone.
    func retain() -> Bool {
        state.withLock { state in
            guard state.references > 0 else { return false }
            state.references += 1
            return true
        }
    }

    /// Drops a reference; when it was the last, forgets the handle and closes the connection.
    /// Returns whether references remain, or nil when none were left to drop (a close racing another).
    @discardableResult
    func release() -> Bool? {
        let remaining = state.withLock { state -> Int? in
            guard state.references > 0 else { return nil }
            state.references -= 1
            return state.references
        }
        guard let remaining else { return nil }
        guard remaining == 0 else { return true }
        if let handle { Handles.connections.remove(handle) }
        DomainEventCallbacks.shared.connectionClosed(self)
        // As libvirt's: when this returns, the hypervisor has let the connection go too (a daemon has
        // answered CONNECT_CLOSE). Only the C caller's own thread waits (virConnectClose, virDomainFree).
        let connection = self.connection
        _ = BlockingCall.forCurrentThread().run(on: connection.preferredTaskExecutor) { () async throws(VirtError) in
            await connection.closeAndWait()
        }
        return false
    }

    /// The connection's copy of the last error (virConnGetLastError()).
    var lastErrorRecord: UnsafeMutablePointer<virError> {
        state.withLock { $0.lastError }
    }

    /// Copies `record` into the connection's error and returns the callback to report it with, if the
    /// connection has one.
    func recordError(_ record: UnsafePointer<virError>) -> ErrorCallback? {
        state.withLock { state in
            ErrorRecord.copy(record, to: state.lastError)
            return state.callback
        }
    }

    /// Copies the connection's error into `target` (virConnCopyLastError()); returns its code.
    func copyLastError(to target: UnsafeMutablePointer<virError>) -> Int32 {
        state.withLock { state in
            if state.lastError.pointee.code == 0 {
                ErrorRecord.reset(target)
            } else {
                ErrorRecord.copy(state.lastError, to: target)
            }
            return target.pointee.code
        }
    }

    func resetLastError() {
        state.withLock { ErrorRecord.reset($0.lastError) }
    }

    func setCallback(_ callback: ErrorCallback?) {
        state.withLock { $0.callback = callback }
    }
}
