import CLibvirt
import Glibc
import Virt

// The event loop (libvirt-event.c, virevent.c): libvirt's default one, or the caller's, which runs callbacks.
// These functions report no errors, as libvirt's do not, except the two of the loop itself.

@c @implementation
public func virEventRegisterDefaultImpl() -> Int32 {
    EntryPoint("virEventRegisterDefaultImpl", errorDomain: .none).run(failure: -1) { _ throws(APIFailure) in
        guard DefaultEventLoop.shared.register() else {
            throw APIFailure(error: .system(errno, "Unable to create the event loop's wakeup pipe", domain: .event), connection: nil)
        }
        ProcessEventLoop.chooseDefault()
        return 0
    }
}

/// One iteration of the loop. Unlike libvirt's, which then waits for ever, it fails at once when no loop
/// was registered.
@c @implementation
public func virEventRunDefaultImpl() -> Int32 {
    EntryPoint("virEventRunDefaultImpl", errorDomain: .none).run(failure: -1) { _ throws(APIFailure) in
        guard DefaultEventLoop.shared.runOnce() else {
            throw APIFailure(error: VirtError(.internalError, .event, "no event loop: call virEventRegisterDefaultImpl first"), connection: nil)
        }
        return 0
    }
}

/// The caller's own loop, instead of libvirt's default one; ignored once a loop is registered, as libvirt
/// ignores it (with a warning in its log).
@c @implementation
public func virEventRegisterImpl(
    _ addHandle: virEventAddHandleFunc?, _ updateHandle: virEventUpdateHandleFunc?, _ removeHandle: virEventRemoveHandleFunc?,
    _ addTimeout: virEventAddTimeoutFunc?, _ updateTimeout: virEventUpdateTimeoutFunc?, _ removeTimeout: virEventRemoveTimeoutFunc?
) {
    ProcessEventLoop.chooseCaller(.init(
        addHandle: addHandle, updateHandle: updateHandle, removeHandle: removeHandle,
        addTimeout: addTimeout, updateTimeout: updateTimeout, removeTimeout: removeTimeout))
}

// The rest go to the registered loop: the caller's functions, or the default loop's (-1 with none).

@c @implementation
public func virEventAddHandle(
    _ fd: Int32, _ events: Int32, _ cb: virEventHandleCallback?, _ opaque: UnsafeMutableRawPointer?, _ ff: virFreeCallback?
) -> Int32 {
    if let caller = ProcessEventLoop.callerLoop { return caller.functions.addHandle?(fd, events, cb, opaque, ff) ?? -1 }
    guard let cb else { return -1 }
    return DefaultEventLoop.shared.addWatch(descriptor: fd, events: events, callback: cb, opaque: opaque, free: ff)
}

@c @implementation
public func virEventUpdateHandle(_ watch: Int32, _ events: Int32) {
    if let caller = ProcessEventLoop.callerLoop { caller.functions.updateHandle?(watch, events); return }
    DefaultEventLoop.shared.updateWatch(watch, events: events)
}

@c @implementation
public func virEventRemoveHandle(_ watch: Int32) -> Int32 {
    if let caller = ProcessEventLoop.callerLoop { return caller.functions.removeHandle?(watch) ?? -1 }
    return DefaultEventLoop.shared.removeWatch(watch)
}

@c @implementation
public func virEventAddTimeout(
    _ frequency: Int32, _ cb: virEventTimeoutCallback?, _ opaque: UnsafeMutableRawPointer?, _ ff: virFreeCallback?
) -> Int32 {
    if let caller = ProcessEventLoop.callerLoop { return caller.functions.addTimeout?(frequency, cb, opaque, ff) ?? -1 }
    guard let cb else { return -1 }
    return DefaultEventLoop.shared.addTimer(frequency: frequency, callback: cb, opaque: opaque, free: ff)
}

@c @implementation
public func virEventUpdateTimeout(_ timer: Int32, _ frequency: Int32) {
    if let caller = ProcessEventLoop.callerLoop { caller.functions.updateTimeout?(timer, frequency); return }
    DefaultEventLoop.shared.updateTimer(timer, frequency: frequency)
}

@c @implementation
public func virEventRemoveTimeout(_ timer: Int32) -> Int32 {
    if let caller = ProcessEventLoop.callerLoop { return caller.functions.removeTimeout?(timer) ?? -1 }
    return DefaultEventLoop.shared.removeTimer(timer)
}
