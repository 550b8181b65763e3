import CLibvirt
import FoundationEssentials
import Glibc
import Synchronization
import Virt

/// What a `virStreamPtr` stands for: a stream of the connection it holds a reference on, unused until
/// virDomainOpenConsole gives it a console session, then reading and writing that session's descriptor
/// (blocking, or answering -2 instead of waiting for a `VIR_STREAM_NONBLOCK` stream), with at most one event
/// callback on the process's event loop. Finish or abort closes the session; virStreamFree drops a
/// reference, and the last ends the object (closing a session still open).
final class StreamHandle: Sendable {
    let connection: ConnectHandle
    let nonBlocking: Bool
    private let handleBits: UInt
    var handle: OpaquePointer? { OpaquePointer(bitPattern: handleBits) }

    enum Phase: Sendable {
        /// Never given to a driver: libvirt's "not supported" for every transfer.
        case unused
        /// A console session of the domain with this UUID, on the device as it was asked for (nil: the first).
        case open(ConsoleStream, domain: UUID, device: String?)
        /// Finished or aborted.
        case closed
    }

    private struct State: Sendable {
        var phase = Phase.unused
        var references = 1
        /// The event loop's watch of the callback, if one is registered.
        var watch: Int32?
    }

    private let state = Mutex(State())

    init(connection: ConnectHandle, nonBlocking: Bool, handle: OpaquePointer) {
        self.connection = connection
        self.nonBlocking = nonBlocking
        handleBits = UInt(bitPattern: handle)
    }

    var phase: Phase { state.withLock { $0.phase } }

    /// Gives the stream its console session; false if it already had one.
    func attach(_ console: ConsoleStream, domain: UUID, device: String?) -> Bool {
        state.withLock { state in
            guard case .unused = state.phase else { return false }
            state.phase = .open(console, domain: domain, device: device)
            return true
        }
    }

    /// Whether this stream holds the console session `device` of `domain`.
    func holds(_ domain: UUID, device: String?) -> Bool {
        if case .open(_, let held, let heldDevice) = phase { return held == domain && heldDevice == device }
        return false
    }

    /// Ends the session (finish, abort, or the last reference); the callback's watch goes with it.
    func close() {
        let (console, watch) = state.withLock { state -> (ConsoleStream?, Int32?) in
            defer {
                if case .open = state.phase { state.phase = .closed }
                state.watch = nil
            }
            if case .open(let console, _, _) = state.phase { return (console, state.watch) }
            return (nil, state.watch)
        }
        if let watch, watch >= 0 { _ = virEventRemoveHandle(watch) }
        console?.close()
    }

    func retain() -> Bool {
        state.withLock { state in
            guard state.references > 0 else { return false }
            state.references += 1
            return true
        }
    }

    /// Drops a reference: true when it was the last, nil when none was left.
    func release() -> Bool? {
        state.withLock { state -> Bool? in
            guard state.references > 0 else { return nil }
            state.references -= 1
            return state.references == 0
        }
    }

    /// Claims the stream's one callback slot; false if a callback is registered already.
    func reserveWatch() -> Bool {
        state.withLock { state in
            guard state.watch == nil else { return false }
            state.watch = Self.pending
            return true
        }
    }

    /// The claimed slot's watch, or nil to give the slot back (the loop refused the watch).
    func setWatch(_ watch: Int32?) {
        state.withLock { $0.watch = watch }
    }

    /// Stands for a watch being added (the loop's functions run outside the lock).
    private static let pending: Int32 = -2

    var watch: Int32? { state.withLock { $0.watch.flatMap { $0 == Self.pending ? nil : $0 } } }

    func clearWatch() -> Int32? {
        state.withLock { state in
            defer { state.watch = nil }
            return state.watch.flatMap { $0 == Self.pending ? nil : $0 }
        }
    }
}

extension Handles {
    /// Drops one reference on the stream `pointer`; the last closes it, forgets it and drops its reference
    /// on the connection. False when `pointer` is no live stream.
    static func releaseStream(_ pointer: OpaquePointer) -> Bool {
        guard let handle = streams.lookup(pointer), let last = handle.release() else { return false }
        if last {
            handle.close()
            streams.remove(pointer)
            handle.connection.release()
        }
        return true
    }
}
