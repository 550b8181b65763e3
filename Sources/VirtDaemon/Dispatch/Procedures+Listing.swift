import Virt
import VirtRPC

/// Listing and finding domains. Lists are capped as the protocol caps them (REMOTE_DOMAIN_LIST_MAX).
extension ProcedureTable {
    static let domainListMax = 16384

    mutating func addListingProcedures() {
        add(.connectNumOfDomains, "virConnectNumOfDomains", .reads, XDRVoid.self) { _, client throws(VirtError) in
            RemoteConnectNumOfDomainsRet(num: Int32(clamping: try await client.connection().numberOfDomains()))
        }
        add(.connectListDomains, "virConnectListDomains", .reads, RemoteConnectListDomainsArgs.self) {
            args, client throws(VirtError) in
            let limit = try Self.listLimit(args.maxids, "maxids")
            return RemoteConnectListDomainsRet(ids: Array(try await client.connection().domainIDs().prefix(limit)))
        }
        add(.connectNumOfDefinedDomains, "virConnectNumOfDefinedDomains", .reads, XDRVoid.self) { _, client throws(VirtError) in
            RemoteConnectNumOfDefinedDomainsRet(num: Int32(clamping: try await client.connection().numberOfDefinedDomains()))
        }
        add(.connectListDefinedDomains, "virConnectListDefinedDomains", .reads, RemoteConnectListDefinedDomainsArgs.self) {
            args, client throws(VirtError) in
            let limit = try Self.listLimit(args.maxnames, "maxnames")
            return RemoteConnectListDefinedDomainsRet(
                names: Array(try await client.connection().definedDomainNames().prefix(limit)))
        }
        add(.connectListAllDomains, "virConnectListAllDomains", .reads, RemoteConnectListAllDomainsArgs.self) {
            args, client throws(VirtError) in
            let domains = try await client.connection().domains(DomainListFlags(rawValue: args.flags))
            guard domains.count <= Self.domainListMax else {
                throw VirtError(.internalError, .rpc,
                                "Too many domains '\(domains.count)' for limit '\(Self.domainListMax)'")
            }
            return RemoteConnectListAllDomainsRet(
                domains: args.needResults != 0 ? domains.map { RemoteNonnullDomain($0.ref) } : [],
                ret: UInt32(domains.count))
        }
        add(.domainLookupById, "virDomainLookupByID", .reads, RemoteDomainLookupByIdArgs.self) { args, client throws(VirtError) in
            RemoteDomainLookupByIdRet(dom: RemoteNonnullDomain(try await client.connection().lookupDomain(id: args.id).ref))
        }
        add(.domainLookupByName, "virDomainLookupByName", .reads, RemoteDomainLookupByNameArgs.self) {
            args, client throws(VirtError) in
            RemoteDomainLookupByNameRet(dom: RemoteNonnullDomain(try await client.connection().lookupDomain(name: args.name).ref))
        }
        add(.domainLookupByUuid, "virDomainLookupByUUID", .reads, RemoteDomainLookupByUuidArgs.self) {
            args, client throws(VirtError) in
            RemoteDomainLookupByUuidRet(
                dom: RemoteNonnullDomain(try await client.connection().lookupDomain(uuid: args.uuid.uuid).ref))
        }
    }

    /// A client's list size, refused as libvirtd refuses one over the protocol's maximum.
    static func listLimit(_ requested: Int32, _ name: String) throws(VirtError) -> Int {
        guard requested <= Int32(domainListMax) else {
            throw VirtError(.rpc, .rpc, "\(name) > REMOTE_DOMAIN_LIST_MAX")
        }
        return Int(max(0, requested))
    }
}
