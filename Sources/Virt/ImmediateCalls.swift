public import FoundationEssentials
import VirtDriver

/// Synchronous forms of a connection's cheap read-only calls, for a driver that answers them without waiting
/// (``Connection/immediate``). Each checks what its `async` twin checks and asks the same driver method; only
/// the way in differs. A synchronous front end (the C API) uses them to skip the task an `async` call needs,
/// which costs more than the query itself.
public struct ImmediateCalls: Sendable {
    let connection: Connection
    let driver: any ImmediateQueries

    private func checked(_ function: String) throws(VirtError) -> any ImmediateQueries {
        _ = try connection.checked(function)
        return driver
    }

    // MARK: listing and lookup (see Connection+Domains.swift)

    public func numberOfDomains() throws(VirtError) -> Int {
        try checked("virConnectNumOfDomains").connectNumOfDomains()
    }

    public func domainIDs() throws(VirtError) -> [Int32] {
        try checked("virConnectListDomains").connectListDomains()
    }

    public func definedDomainNames() throws(VirtError) -> [String] {
        try checked("virConnectListDefinedDomains").connectListDefinedDomains()
    }

    public func lookupDomain(id: Int32) throws(VirtError) -> Domain {
        let driver = try checked("virDomainLookupByID")
        try Connection.checkLookupID(id)
        return connection.domain(try driver.domainLookupByID(id))
    }

    public func lookupDomain(name: String) throws(VirtError) -> Domain {
        connection.domain(try checked("virDomainLookupByName").domainLookupByName(name))
    }

    public func lookupDomain(uuid: UUID) throws(VirtError) -> Domain {
        connection.domain(try checked("virDomainLookupByUUID").domainLookupByUUID(uuid))
    }

    public func lookupDomain(uuidString: String) throws(VirtError) -> Domain {
        let driver = try checked("virDomainLookupByUUIDString")
        return connection.domain(try driver.domainLookupByUUID(try Connection.parseLookupUUID(uuidString)))
    }

    // MARK: a domain's facts (see Domain+Info.swift)

    public func info(of domain: Domain) throws(VirtError) -> DomainInfo {
        try checked("virDomainGetInfo").domainGetInfo(domain.ref)
    }

    public func osType(of domain: Domain) throws(VirtError) -> String {
        try checked("virDomainGetOSType").domainGetOSType(domain.ref)
    }

    public func maxMemory(of domain: Domain) throws(VirtError) -> UInt64 {
        try checked("virDomainGetMaxMemory").domainGetMaxMemory(domain.ref)
    }
}

extension Connection {
    /// The synchronous forms of this connection's cheap read-only calls when its driver answers them without
    /// waiting (test:///); nil for every other driver.
    public var immediate: ImmediateCalls? {
        immediateQueries.map { ImmediateCalls(connection: self, driver: $0) }
    }
}
