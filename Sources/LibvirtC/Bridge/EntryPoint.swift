import CLibvirt
import Virt

/// A C entry point's failure: the error, and the connection to report it on (nil when the call had no
/// valid connection, as libvirt reports invalid handles).
struct APIFailure: Error {
    var error: VirtError
    var connection: ConnectHandle?
}

/// One public C function, shaped like libvirt's: reset the thread's last error, check the handles and
/// arguments, call Virt, and on failure report the error once and return the function's failure value.
struct EntryPoint {
    /// The libvirt function name, as its errors quote it.
    let name: String
    /// The error domain of errors raised by the entry point itself (libvirt's VIR_FROM_THIS of its file).
    let errorDomain: ErrorDomain

    init(_ name: String, errorDomain: ErrorDomain = .domain) {
        self.name = name
        self.errorDomain = errorDomain
    }

    /// The C library stands in for libvirt's process: what that process would print on standard error
    /// (libxml2's warnings), it prints. Installed once, on the first call.
    private static let warningsEchoed: Void = Warnings.shared.echoToStandardError()

    func run<Value>(failure: Value, _ body: (EntryPoint) throws(APIFailure) -> Value) -> Value {
        _ = Self.warningsEchoed
        LastError.reset()
        do {
            return try body(self)
        } catch {
            ErrorReporting.report(error.error, on: error.connection)
            return failure
        }
    }

    // MARK: handles

    /// The connection behind `pointer`, or VIR_ERR_INVALID_CONN.
    func connection(_ pointer: virConnectPtr?) throws(APIFailure) -> ConnectHandle {
        guard let handle = Handles.connections.lookup(pointer) else { throw invalidConnection }
        return handle
    }

    /// The domain behind `pointer`, or VIR_ERR_INVALID_DOMAIN.
    func domain(_ pointer: virDomainPtr?) throws(APIFailure) -> DomainHandle {
        guard let handle = Handles.domains.lookup(pointer) else { throw invalidDomain }
        return handle
    }

    /// VIR_ERR_INVALID_CONN for this function; reported without a connection, as there is none.
    var invalidConnection: APIFailure {
        APIFailure(error: VirtError(.invalidConn, errorDomain, name), connection: nil)
    }

    /// VIR_ERR_INVALID_DOMAIN for this function, always from VIR_FROM_DOM, as libvirt reports it.
    var invalidDomain: APIFailure {
        APIFailure(error: VirtError(.invalidDomain, .dom, name), connection: nil)
    }

    // MARK: calls

    /// Runs an async Virt call on this thread until it finishes; its error is reported on `connection`.
    func call<Value: Sendable>(
        on connection: ConnectHandle?,
        _ operation: @escaping @Sendable () async throws(VirtError) -> Value
    ) throws(APIFailure) -> Value {
        let executor = connection?.connection.preferredTaskExecutor
        switch BlockingCall.forCurrentThread().run(on: executor, operation) {
        case .success(let value): return value
        case .failure(let error): throw APIFailure(error: error, connection: connection)
        }
    }

    /// Runs a cheap read-only call: synchronously through `immediately` when the connection's driver answers
    /// such calls without waiting (test:///), as the task `call(on:_:)` needs would cost more than the query;
    /// else `operation` (`otherwise`), as `call(on:_:)` runs it. Both must be the same Virt call. `otherwise`
    /// is an autoclosure so that its escaping closure, a heap allocation, is made only when it runs.
    func call<Value: Sendable>(
        on connection: ConnectHandle,
        immediately: (ImmediateCalls) throws(VirtError) -> Value,
        otherwise operation: @autoclosure () -> @Sendable () async throws(VirtError) -> Value
    ) throws(APIFailure) -> Value {
        guard let calls = connection.connection.immediate else { return try call(on: connection, operation()) }
        return try sync(on: connection) { () throws(VirtError) in try immediately(calls) }
    }

    /// Runs a synchronous Virt call; its error is reported on `connection`.
    func sync<Value>(
        on connection: ConnectHandle?, _ operation: () throws(VirtError) -> Value
    ) throws(APIFailure) -> Value {
        do {
            return try operation()
        } catch {
            throw APIFailure(error: error, connection: connection)
        }
    }

    /// Fails with `error` unless `condition` holds.
    func require(
        _ condition: Bool, _ error: @autoclosure () -> VirtError, on connection: ConnectHandle?
    ) throws(APIFailure) {
        if !condition { throw APIFailure(error: error(), connection: connection) }
    }
}
