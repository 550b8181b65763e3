import CLibvirt
import FoundationEssentials
import Glibc
import Virt

// Domain event callbacks (libvirt-domain.c): what a C program registers to learn of changes made by anyone.
// They run on the thread that runs the default event loop (virEventRunDefaultImpl).

/// Lifecycle events of `dom` (NULL: every domain) and the other kinds of `eventID`; the callback's id.
@c @implementation
public func virConnectDomainEventRegisterAny(
    _ conn: virConnectPtr?, _ dom: virDomainPtr?, _ eventID: Int32, _ cb: virConnectDomainEventGenericCallback?,
    _ opaque: UnsafeMutableRawPointer?, _ freecb: virFreeCallback?
) -> Int32 {
    EntryPoint("virConnectDomainEventRegisterAny").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        var uuid: UUID?
        if let dom {
            let domain = try entry.domain(dom)
            guard domain.connection === handle else {
                throw APIFailure(error: .invalidArgument("dom", of: entry.name, "domain '\(domain.domain.name)' must match connection"),
                                 connection: handle)
            }
            uuid = domain.domain.uuid
        }
        guard let cb else { throw APIFailure(error: entry.mustNotBeNull("cb"), connection: handle) }
        try entry.require(eventID >= 0, entry.mustNotBeNegative("eventID"), on: handle)
        let kinds = Int32(DomainEventID.all.count)
        try entry.require(eventID < kinds, .invalidArgument("eventID", of: entry.name, "eventID must be less than \(kinds)"), on: handle)
        try entry.requireEventLoop(on: handle)
        return try DomainEventCallbacks.shared.register(
            on: handle, entry: entry, eventID: eventID, domain: uuid, callback: cb, legacy: false, opaque: opaque, free: freecb)
    }
}

@c @implementation
public func virConnectDomainEventDeregisterAny(_ conn: virConnectPtr?, _ callbackID: Int32) -> Int32 {
    EntryPoint("virConnectDomainEventDeregisterAny").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        try entry.require(callbackID >= 0, entry.mustNotBeNegative("callbackID"), on: handle)
        let found = DomainEventCallbacks.shared.deregister(on: handle) { id, _, _ in id == callbackID }
        try entry.require(found, VirtError(.invalidArg, .none, "could not find event callback \(callbackID) for deletion"), on: handle)
        return 0
    }
}

/// The legacy registration: lifecycle events of every domain, with the lifecycle callback's arguments.
@c @implementation
public func virConnectDomainEventRegister(
    _ conn: virConnectPtr?, _ cb: virConnectDomainEventCallback?, _ opaque: UnsafeMutableRawPointer?, _ freecb: virFreeCallback?
) -> Int32 {
    EntryPoint("virConnectDomainEventRegister").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        guard let cb else { throw APIFailure(error: entry.mustNotBeNull("cb"), connection: handle) }
        try entry.requireEventLoop(on: handle)
        _ = try DomainEventCallbacks.shared.register(
            on: handle, entry: entry, eventID: DomainEventID.lifecycle.rawValue, domain: nil,
            callback: unsafeBitCast(cb, to: virConnectDomainEventGenericCallback.self), legacy: true, opaque: opaque, free: freecb)
        return 0
    }
}

@c @implementation
public func virConnectDomainEventDeregister(_ conn: virConnectPtr?, _ cb: virConnectDomainEventCallback?) -> Int32 {
    EntryPoint("virConnectDomainEventDeregister").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        guard let cb else { throw APIFailure(error: entry.mustNotBeNull("cb"), connection: handle) }
        let address = unsafeBitCast(cb, to: UnsafeRawPointer.self)
        let found = DomainEventCallbacks.shared.deregister(on: handle) { _, legacy, callback in legacy && callback == address }
        try entry.require(found, VirtError(.invalidArg, .none, "event callback function \(address) not registered"), on: handle)
        return 0
    }
}

extension EntryPoint {
    /// Callbacks need a loop to run on: without one, libvirt's drivers cannot make their event timer.
    func requireEventLoop(on connection: ConnectHandle) throws(APIFailure) {
        try require(ProcessEventLoop.prepare(),
                    VirtError(.internalError, .none, "could not initialize domain event timer"), on: connection)
    }
}
