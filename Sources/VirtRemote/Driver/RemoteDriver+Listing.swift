import FoundationEssentials
import VirtDriver
import VirtRPC

/// Listing and finding domains. The table's list calls take no size, so the count is asked first, as
/// libvirt's callers do before LIST_DOMAINS / LIST_DEFINED_DOMAINS.
extension RemoteDriver {
    public func connectNumOfDomains() async throws(VirtError) -> Int {
        Int(try await call(.connectNumOfDomains, XDRVoid(), returning: RemoteConnectNumOfDomainsRet.self).num)
    }

    public func connectListDomains() async throws(VirtError) -> [Int32] {
        let count = try await connectNumOfDomains()
        guard count > 0 else { return [] }
        return try await call(.connectListDomains, RemoteConnectListDomainsArgs(maxids: Int32(clamping: count)),
                              returning: RemoteConnectListDomainsRet.self).ids
    }

    public func connectNumOfDefinedDomains() async throws(VirtError) -> Int {
        Int(try await call(.connectNumOfDefinedDomains, XDRVoid(), returning: RemoteConnectNumOfDefinedDomainsRet.self).num)
    }

    public func connectListDefinedDomains() async throws(VirtError) -> [String] {
        let count = try await connectNumOfDefinedDomains()
        guard count > 0 else { return [] }
        return try await call(.connectListDefinedDomains, RemoteConnectListDefinedDomainsArgs(maxnames: Int32(clamping: count)),
                              returning: RemoteConnectListDefinedDomainsRet.self).names
    }

    public func connectListAllDomains(flags: DomainListFlags) async throws(VirtError) -> [DomainRef] {
        try await call(.connectListAllDomains, RemoteConnectListAllDomainsArgs(needResults: 1, flags: flags.rawValue),
                       returning: RemoteConnectListAllDomainsRet.self).domains.map(\.domainRef)
    }

    public func domainLookupByID(_ id: Int32) async throws(VirtError) -> DomainRef {
        try await call(.domainLookupById, RemoteDomainLookupByIdArgs(id: id), returning: RemoteDomainLookupByIdRet.self).dom.domainRef
    }

    public func domainLookupByName(_ name: String) async throws(VirtError) -> DomainRef {
        try await call(.domainLookupByName, RemoteDomainLookupByNameArgs(name: name),
                       returning: RemoteDomainLookupByNameRet.self).dom.domainRef
    }

    public func domainLookupByUUID(_ uuid: UUID) async throws(VirtError) -> DomainRef {
        try await call(.domainLookupByUuid, RemoteDomainLookupByUuidArgs(uuid: RemoteUUID(uuid)),
                       returning: RemoteDomainLookupByUuidRet.self).dom.domainRef
    }
}
