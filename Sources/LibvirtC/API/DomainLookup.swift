import CLibvirt
import FoundationEssentials
import Virt

// Finding, creating and defining domains: every call returns a new domain object (libvirt-domain.c).

@c @implementation
public func virDomainLookupByID(_ conn: virConnectPtr?, _ id: Int32) -> virDomainPtr? {
    EntryPoint("virDomainLookupByID").run(failure: nil) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        let domain = try entry.call(on: handle) { calls throws(VirtError) in
            try calls.lookupDomain(id: id)
        } otherwise: { () async throws(VirtError) in
            try await handle.connection.lookupDomain(id: id)
        }
        return try entry.newDomain(domain, on: handle)
    }
}

@c @implementation
public func virDomainLookupByName(_ conn: virConnectPtr?, _ name: UnsafePointer<CChar>?) -> virDomainPtr? {
    EntryPoint("virDomainLookupByName").run(failure: nil) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        guard let name else { throw APIFailure(error: entry.mustNotBeNull("name"), connection: handle) }
        let text = String(cString: name)
        let domain = try entry.call(on: handle) { calls throws(VirtError) in
            try calls.lookupDomain(name: text)
        } otherwise: { () async throws(VirtError) in
            try await handle.connection.lookupDomain(name: text)
        }
        return try entry.newDomain(domain, on: handle)
    }
}

/// `uuid` points to VIR_UUID_BUFLEN raw bytes.
@c @implementation
public func virDomainLookupByUUID(_ conn: virConnectPtr?, _ uuid: UnsafePointer<UInt8>?) -> virDomainPtr? {
    EntryPoint("virDomainLookupByUUID").run(failure: nil) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        guard let uuid else { throw APIFailure(error: entry.mustNotBeNull("uuid"), connection: handle) }
        let value = UUID(uuid: UnsafeRawPointer(uuid).loadUnaligned(as: uuid_t.self))
        let domain = try entry.call(on: handle) { calls throws(VirtError) in
            try calls.lookupDomain(uuid: value)
        } otherwise: { () async throws(VirtError) in
            try await handle.connection.lookupDomain(uuid: value)
        }
        return try entry.newDomain(domain, on: handle)
    }
}

@c @implementation
public func virDomainLookupByUUIDString(_ conn: virConnectPtr?, _ uuid: UnsafePointer<CChar>?) -> virDomainPtr? {
    EntryPoint("virDomainLookupByUUIDString").run(failure: nil) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        guard let uuid else { throw APIFailure(error: entry.mustNotBeNull("uuidstr"), connection: handle) }
        let text = String(cString: uuid)
        let domain = try entry.call(on: handle) { calls throws(VirtError) in
            try calls.lookupDomain(uuidString: text)
        } otherwise: { () async throws(VirtError) in
            try await handle.connection.lookupDomain(uuidString: text)
        }
        return try entry.newDomain(domain, on: handle)
    }
}

/// The seed's name for virDomainCreateXML(); errors name virDomainCreateXML, as libvirt's do.
@c @implementation
public func virDomainCreateLinux(_ conn: virConnectPtr?, _ xmlDesc: UnsafePointer<CChar>?, _ flags: UInt32) -> virDomainPtr? {
    EntryPoint("virDomainCreateXML").run(failure: nil) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        guard let xmlDesc else { throw APIFailure(error: entry.mustNotBeNull("xmlDesc"), connection: handle) }
        let bytes = CStringBytes.of(xmlDesc)
        let domain = try entry.call(on: handle) { () async throws(VirtError) in
            let xml = try DomainXMLInput.text(bytes)
            return try await handle.connection.createDomain(xml: xml, flags: DomainCreateFlags(rawValue: flags))
        }
        return try entry.newDomain(domain, on: handle)
    }
}

@c @implementation
public func virDomainDefineXML(_ conn: virConnectPtr?, _ xml: UnsafePointer<CChar>?) -> virDomainPtr? {
    EntryPoint("virDomainDefineXML").run(failure: nil) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        try entry.requireWritable(handle)
        guard let xml else { throw APIFailure(error: entry.mustNotBeNull("xml"), connection: handle) }
        let bytes = CStringBytes.of(xml)
        let domain = try entry.call(on: handle) { () async throws(VirtError) in
            let text = try DomainXMLInput.text(bytes)
            return try await handle.connection.defineDomain(xml: text)
        }
        return try entry.newDomain(domain, on: handle)
    }
}

/// Restores a domain saved by virDomainSave(); relative paths are taken from the current directory.
@c @implementation
public func virDomainRestore(_ conn: virConnectPtr?, _ from: UnsafePointer<CChar>?) -> Int32 {
    EntryPoint("virDomainRestore").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        try entry.requireWritable(handle)
        guard let from else { throw APIFailure(error: entry.mustNotBeNull("from"), connection: handle) }
        let path = String(cString: from)
        _ = try entry.call(on: handle) { () async throws(VirtError) in
            try await handle.connection.restoreDomain(from: path)
        }
        return 0
    }
}

extension EntryPoint {
    /// A new domain object on `connection`, holding a reference on it.
    func newDomain(_ domain: Domain, on connection: ConnectHandle) throws(APIFailure) -> virDomainPtr {
        guard connection.retain() else { throw invalidConnection }
        return Handles.domains.insert { _ in DomainHandle(domain, connection: connection) }
    }
}
