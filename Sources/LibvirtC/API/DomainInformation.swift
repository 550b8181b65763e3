import CLibvirt
import Glibc
import Virt

// What a domain is: name, id, UUID, OS type, memory, state, XML (libvirt-domain.c).

/// The name lives as long as the domain object; the caller must not free it.
@c @implementation
public func virDomainGetName(_ domain: virDomainPtr?) -> UnsafePointer<CChar>? {
    EntryPoint("virDomainGetName").run(failure: nil) { entry throws(APIFailure) in
        UnsafePointer(try entry.domain(domain).cName)
    }
}

/// The hypervisor id, or (unsigned int)-1 for an inactive domain or on error.
@c @implementation
public func virDomainGetID(_ domain: virDomainPtr?) -> UInt32 {
    EntryPoint("virDomainGetID").run(failure: UInt32.max) { entry throws(APIFailure) in
        UInt32(bitPattern: try entry.domain(domain).domain.id)
    }
}

/// Writes the VIR_UUID_BUFLEN raw bytes of the UUID.
@c @implementation
public func virDomainGetUUID(_ domain: virDomainPtr?, _ uuid: UnsafeMutablePointer<UInt8>?) -> Int32 {
    EntryPoint("virDomainGetUUID").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.domain(domain)
        guard let uuid else { throw APIFailure(error: entry.mustNotBeNull("uuid"), connection: handle.connection) }
        for (index, byte) in handle.domain.uuid.libvirtBytes.enumerated() {
            uuid[index] = byte
        }
        return 0
    }
}

/// Writes the UUID's printed form and its NUL (VIR_UUID_STRING_BUFLEN bytes).
@c @implementation
public func virDomainGetUUIDString(_ domain: virDomainPtr?, _ buf: UnsafeMutablePointer<CChar>?) -> Int32 {
    EntryPoint("virDomainGetUUIDString").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.domain(domain)
        guard let buf else { throw APIFailure(error: entry.mustNotBeNull("buf"), connection: handle.connection) }
        let text = Array(handle.domain.uuidString.utf8CString)
        for (index, char) in text.enumerated() {
            buf[index] = char
        }
        return 0
    }
}

/// A copy the caller frees with free().
@c @implementation
public func virDomainGetOSType(_ domain: virDomainPtr?) -> UnsafeMutablePointer<CChar>? {
    EntryPoint("virDomainGetOSType").run(failure: nil) { entry throws(APIFailure) in
        let handle = try entry.domain(domain)
        let type = try entry.call(on: handle.connection) { calls throws(VirtError) in
            try calls.osType(of: handle.domain)
        } otherwise: { () async throws(VirtError) in
            try await handle.domain.osType()
        }
        return type.mallocCopy()
    }
}

/// KiB, or 0 on error.
@c @implementation
public func virDomainGetMaxMemory(_ domain: virDomainPtr?) -> UInt {
    EntryPoint("virDomainGetMaxMemory").run(failure: 0) { entry throws(APIFailure) in
        let handle = try entry.domainOrDomain0(domain)
        let kib = try entry.call(on: handle.connection) { calls throws(VirtError) in
            try calls.maxMemory(of: handle.domain)
        } otherwise: { () async throws(VirtError) in
            try await handle.domain.maxMemory()
        }
        return UInt(truncatingIfNeeded: kib)
    }
}

/// `info` is zeroed first, even when the call then fails.
@c @implementation
public func virDomainGetInfo(_ domain: virDomainPtr?, _ info: virDomainInfoPtr?) -> Int32 {
    EntryPoint("virDomainGetInfo").run(failure: -1) { entry throws(APIFailure) in
        info?.pointee = virDomainInfo()
        let handle = try entry.domain(domain)
        guard let info else { throw APIFailure(error: entry.mustNotBeNull("info"), connection: handle.connection) }
        let summary = try entry.call(on: handle.connection) { calls throws(VirtError) in
            try calls.info(of: handle.domain)
        } otherwise: { () async throws(VirtError) in
            try await handle.domain.info()
        }
        CStructs.fill(info, from: summary)
        return 0
    }
}

/// A copy the caller frees with free().
@c @implementation
public func virDomainGetXMLDesc(_ domain: virDomainPtr?, _ flags: UInt32) -> UnsafeMutablePointer<CChar>? {
    EntryPoint("virDomainGetXMLDesc").run(failure: nil) { entry throws(APIFailure) in
        let handle = try entry.domain(domain)
        let xml = try entry.call(on: handle.connection) { () async throws(VirtError) in
            try await handle.domain.xmlDescription(flags: DomainXMLFlags(rawValue: flags))
        }
        return xml.mallocCopy()
    }
}
