import CLibvirt
import Virt

// Starting, stopping, saving and releasing domains (libvirt-domain.c).

@c @implementation
public func virDomainCreate(_ domain: virDomainPtr?) -> Int32 {
    domainAction("virDomainCreate", domain) { (domain) async throws(VirtError) in
        try await domain.start()
    }
}

@c @implementation
public func virDomainUndefine(_ domain: virDomainPtr?) -> Int32 {
    domainAction("virDomainUndefine", domain) { (domain) async throws(VirtError) in
        try await domain.undefine()
    }
}

@c @implementation
public func virDomainDestroy(_ domain: virDomainPtr?) -> Int32 {
    domainAction("virDomainDestroy", domain) { (domain) async throws(VirtError) in
        try await domain.destroy()
    }
}

@c @implementation
public func virDomainSuspend(_ domain: virDomainPtr?) -> Int32 {
    domainAction("virDomainSuspend", domain) { (domain) async throws(VirtError) in
        try await domain.suspend()
    }
}

@c @implementation
public func virDomainResume(_ domain: virDomainPtr?) -> Int32 {
    domainAction("virDomainResume", domain) { (domain) async throws(VirtError) in
        try await domain.resume()
    }
}

@c @implementation
public func virDomainShutdown(_ domain: virDomainPtr?) -> Int32 {
    domainAction("virDomainShutdown", domain) { (domain) async throws(VirtError) in
        try await domain.shutdown()
    }
}

@c @implementation
public func virDomainReboot(_ domain: virDomainPtr?, _ flags: UInt32) -> Int32 {
    domainAction("virDomainReboot", domain) { (domain) async throws(VirtError) in
        try await domain.reboot(flags: DomainShutdownFlags(rawValue: flags))
    }
}

/// Saves the domain to `to` (relative paths are taken from the current directory) and stops it.
@c @implementation
public func virDomainSave(_ domain: virDomainPtr?, _ to: UnsafePointer<CChar>?) -> Int32 {
    EntryPoint("virDomainSave").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.domain(domain)
        try entry.requireWritable(handle.connection)
        guard let to else { throw APIFailure(error: entry.mustNotBeNull("to"), connection: handle.connection) }
        let path = String(cString: to)
        try entry.call(on: handle.connection) { () async throws(VirtError) in
            try await handle.domain.save(to: path)
        }
        return 0
    }
}

/// Drops a reference on the domain object (not the domain); the last ends it and drops its reference on
/// the connection.
@c @implementation
public func virDomainFree(_ domain: virDomainPtr?) -> Int32 {
    EntryPoint("virDomainFree").run(failure: -1) { entry throws(APIFailure) in
        // Dropping is the check: of two threads freeing an object's last reference, only one can.
        guard let domain, Handles.releaseDomain(domain) else { throw entry.invalidDomain }
        return 0
    }
}

/// Another reference on the domain object, for a caller that keeps it (an event callback's domain).
@c @implementation
public func virDomainRef(_ domain: virDomainPtr?) -> Int32 {
    EntryPoint("virDomainRef").run(failure: -1) { entry throws(APIFailure) in
        guard let handle = Handles.domains.lookup(domain), handle.retain() else { throw entry.invalidDomain }
        return 0
    }
}

/// A call on a domain that only succeeds or fails: 0 or -1.
private func domainAction(
    _ function: String, _ domain: virDomainPtr?,
    _ action: @escaping @Sendable (Domain) async throws(VirtError) -> Void
) -> Int32 {
    EntryPoint(function).run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.domain(domain)
        try entry.call(on: handle.connection) { () async throws(VirtError) in
            try await action(handle.domain)
        }
        return 0
    }
}
