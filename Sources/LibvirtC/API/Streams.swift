import CLibvirt
import Glibc
import Virt

// Streams (libvirt-stream.c, LIBVIRT_0.7.2) as consoles use them: virStreamNew, then virDomainOpenConsole,
// then virStreamRecv/Send (or an event callback on the process's event loop), then virStreamFinish or
// virStreamAbort, and virStreamFree. Errors come from VIR_FROM_STREAMS, as libvirt's.

@c @implementation
public func virStreamNew(_ conn: virConnectPtr?, _ flags: UInt32) -> virStreamPtr? {
    EntryPoint("virStreamNew", errorDomain: .streams).run(failure: nil) { entry throws(APIFailure) in
        let connection = try entry.connection(conn)
        guard connection.retain() else { throw entry.invalidConnection }
        let nonBlocking = flags & UInt32(VIR_STREAM_NONBLOCK.rawValue) != 0
        return Handles.streams.insert { StreamHandle(connection: connection, nonBlocking: nonBlocking, handle: $0) }
    }
}

@c @implementation
public func virStreamRef(_ st: virStreamPtr?) -> Int32 {
    EntryPoint("virStreamRef", errorDomain: .streams).run(failure: -1) { entry throws(APIFailure) in
        guard try entry.stream(st).retain() else { throw entry.invalidStream }
        return 0
    }
}

@c @implementation
public func virStreamFree(_ st: virStreamPtr?) -> Int32 {
    EntryPoint("virStreamFree", errorDomain: .streams).run(failure: -1) { entry throws(APIFailure) in
        guard let st, Handles.releaseStream(st) else { throw entry.invalidStream }
        return 0
    }
}

/// Up to `nbytes` of what the other end sent: the count, 0 at the end of the stream, -2 when a
/// non-blocking stream has nothing yet (no error), -1 with the error reported.
@c @implementation
public func virStreamRecv(_ st: virStreamPtr?, _ data: UnsafeMutablePointer<CChar>?, _ nbytes: Int) -> Int32 {
    EntryPoint("virStreamRecv", errorDomain: .streams).run(failure: -1) { entry throws(APIFailure) in
        let stream = try entry.stream(st)
        guard let data else { throw APIFailure(error: entry.mustNotBeNull("data"), connection: stream.connection) }
        let console = try entry.openConsole(stream)
        let wanted = min(nbytes, Int(Int32.max))
        while true {
            // A session another one took over (VIR_DOMAIN_CONSOLE_FORCE) ends here, letting the console go.
            guard !console.isSuperseded else {
                stream.close()
                return 0
            }
            // The session's descriptor blocks: a non-blocking stream asks poll first, and answers -2 for "not yet".
            let ready = StreamIO.wait(console.fileDescriptor, for: Int16(POLLIN), timeout: stream.nonBlocking ? 0 : StreamIO.supersededCheck)
            guard let ready else {
                if stream.nonBlocking { return -2 }
                continue
            }
            if ready {
                let count = read(console.fileDescriptor, data, wanted)
                if count >= 0 { return Int32(count) }
                // A pty whose other side has gone (the guest stopped) reads as EIO: the end of the stream.
                if errno == EIO { return 0 }
                if errno == EAGAIN && stream.nonBlocking { return -2 }
                if errno == EINTR || errno == EAGAIN { continue }
            }
            throw APIFailure(error: .system(errno, "cannot read from stream", domain: .streams), connection: stream.connection)
        }
    }
}

/// Sends up to `nbytes`: the count written, -2 when a non-blocking stream cannot take any now, -1 on error.
@c @implementation
public func virStreamSend(_ st: virStreamPtr?, _ data: UnsafePointer<CChar>?, _ nbytes: Int) -> Int32 {
    EntryPoint("virStreamSend", errorDomain: .streams).run(failure: -1) { entry throws(APIFailure) in
        let stream = try entry.stream(st)
        guard let data else { throw APIFailure(error: entry.mustNotBeNull("data"), connection: stream.connection) }
        let console = try entry.openConsole(stream)
        let wanted = min(nbytes, Int(Int32.max))
        while true {
            let ready = StreamIO.wait(console.fileDescriptor, for: Int16(POLLOUT), timeout: stream.nonBlocking ? 0 : -1)
            if ready == nil { return -2 }
            if ready == true {
                let count = write(console.fileDescriptor, data, wanted)
                if count >= 0 { return Int32(count) }
                if errno == EAGAIN && stream.nonBlocking { return -2 }
                if errno == EINTR || errno == EAGAIN { continue }
            }
            throw APIFailure(error: .system(errno, "cannot write to stream", domain: .streams), connection: stream.connection)
        }
    }
}

@c @implementation
public func virStreamFinish(_ st: virStreamPtr?) -> Int32 {
    EntryPoint("virStreamFinish", errorDomain: .streams).run(failure: -1) { entry throws(APIFailure) in
        let stream = try entry.stream(st)
        _ = try entry.openConsole(stream)
        stream.close()
        return 0
    }
}

/// As libvirt's: aborting a stream no driver ever used succeeds and does nothing.
@c @implementation
public func virStreamAbort(_ st: virStreamPtr?) -> Int32 {
    EntryPoint("virStreamAbort", errorDomain: .streams).run(failure: -1) { entry throws(APIFailure) in
        let stream = try entry.stream(st)
        if case .unused = stream.phase { return 0 }
        _ = try entry.openConsole(stream)
        stream.close()
        return 0
    }
}

/// `cb` runs on the event loop's thread when the stream is ready for `events`; one callback per stream.
@c @implementation
public func virStreamEventAddCallback(
    _ stream: virStreamPtr?, _ events: Int32, _ cb: virStreamEventCallback?, _ opaque: UnsafeMutableRawPointer?,
    _ ff: virFreeCallback?
) -> Int32 {
    EntryPoint("virStreamEventAddCallback", errorDomain: .streams).run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.stream(stream)
        guard let cb else { throw APIFailure(error: entry.mustNotBeNull("cb"), connection: handle.connection) }
        let console = try entry.openConsole(handle)
        guard handle.reserveWatch() else {
            throw APIFailure(error: VirtError(.internalError, .streams, "stream already has a callback registered"), connection: handle.connection)
        }
        let box = Unmanaged.passRetained(StreamCallback(stream: stream, callback: cb, opaque: opaque, free: ff)).toOpaque()
        let watch = virEventAddHandle(console.fileDescriptor, events, StreamCallback.run, box, StreamCallback.release)
        guard watch >= 0 else {
            Unmanaged<StreamCallback>.fromOpaque(box).release()
            handle.setWatch(nil)
            throw APIFailure(error: VirtError(.internalError, .streams, "cannot register file watch on stream"), connection: handle.connection)
        }
        handle.setWatch(watch)
        return 0
    }
}

@c @implementation
public func virStreamEventUpdateCallback(_ stream: virStreamPtr?, _ events: Int32) -> Int32 {
    EntryPoint("virStreamEventUpdateCallback", errorDomain: .streams).run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.stream(stream)
        _ = try entry.openConsole(handle)
        guard let watch = handle.watch else {
            throw APIFailure(error: VirtError(.internalError, .streams, "stream does not have a callback registered"), connection: handle.connection)
        }
        virEventUpdateHandle(watch, events)
        return 0
    }
}

@c @implementation
public func virStreamEventRemoveCallback(_ stream: virStreamPtr?) -> Int32 {
    EntryPoint("virStreamEventRemoveCallback", errorDomain: .streams).run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.stream(stream)
        _ = try entry.openConsole(handle)
        guard let watch = handle.clearWatch() else {
            throw APIFailure(error: VirtError(.internalError, .streams, "stream does not have a callback registered"), connection: handle.connection)
        }
        _ = virEventRemoveHandle(watch)
        return 0
    }
}

/// A stream's event callback, as the event loop's watch calls it: the stream handed back is the caller's.
private final class StreamCallback {
    let stream: virStreamPtr?
    let callback: virStreamEventCallback
    let opaque: UnsafeMutableRawPointer?
    let free: virFreeCallback?

    init(stream: virStreamPtr?, callback: @escaping virStreamEventCallback, opaque: UnsafeMutableRawPointer?, free: virFreeCallback?) {
        self.stream = stream
        self.callback = callback
        self.opaque = opaque
        self.free = free
    }

    /// The watch's callback: stream events have the same bits as handle events.
    static let run: virEventHandleCallback = { _, _, events, box in
        guard let box else { return }
        let entry = Unmanaged<StreamCallback>.fromOpaque(box).takeUnretainedValue()
        entry.callback(entry.stream, events, entry.opaque)
    }

    /// The watch's free callback: the caller's own, then this record.
    static let release: virFreeCallback = { box in
        guard let box else { return }
        let entry = Unmanaged<StreamCallback>.fromOpaque(box).takeRetainedValue()
        entry.free?(entry.opaque)
    }
}

/// Waiting for a stream's descriptor.
enum StreamIO {
    /// How often a blocked read looks whether its session was taken over, in milliseconds.
    static let supersededCheck: Int32 = 200

    /// Waits until `fd` is ready for `events` (or hung up: the read or write then says what happened):
    /// true when ready, nil after `timeout` ms (-1: never), false on a poll error (errno says which).
    static func wait(_ fd: Int32, for events: Int16, timeout: Int32) -> Bool? {
        var poller = pollfd(fd: fd, events: events, revents: 0)
        while true {
            let ready = poll(&poller, 1, timeout)
            if ready > 0 { return true }
            if ready == 0 { return nil }
            if errno != EINTR { return false }
        }
    }
}

extension EntryPoint {
    /// The stream behind `pointer`, or VIR_ERR_INVALID_STREAM.
    func stream(_ pointer: virStreamPtr?) throws(APIFailure) -> StreamHandle {
        guard let handle = Handles.streams.lookup(pointer) else { throw invalidStream }
        return handle
    }

    var invalidStream: APIFailure {
        APIFailure(error: VirtError(.invalidStream, .streams, name), connection: nil)
    }

    /// The stream's console session: libvirt's "not supported" for a stream no driver took, "stream is not
    /// open" once it was finished or aborted.
    func openConsole(_ stream: StreamHandle) throws(APIFailure) -> ConsoleStream {
        switch stream.phase {
        case .open(let console, _, _): return console
        case .unused: throw APIFailure(error: VirtError(.noSupport, .streams, name), connection: stream.connection)
        case .closed: throw APIFailure(error: VirtError(.internalError, .streams, "stream is not open"), connection: stream.connection)
        }
    }
}
