public import FoundationEssentials

extension Connection {
    /// How many domains are running (`virConnectNumOfDomains`).
    public func numberOfDomains() async throws(VirtError) -> Int {
        try await checked("virConnectNumOfDomains").connectNumOfDomains()
    }

    /// The ids of the running domains (`virConnectListDomains`).
    public func domainIDs() async throws(VirtError) -> [Int32] {
        try await checked("virConnectListDomains").connectListDomains()
    }

    /// How many domains are defined but not running (`virConnectNumOfDefinedDomains`).
    public func numberOfDefinedDomains() async throws(VirtError) -> Int {
        try await checked("virConnectNumOfDefinedDomains").connectNumOfDefinedDomains()
    }

    /// The names of the defined, inactive domains (`virConnectListDefinedDomains`).
    public func definedDomainNames() async throws(VirtError) -> [String] {
        try await checked("virConnectListDefinedDomains").connectListDefinedDomains()
    }

    /// Domains matching `filter` (`virConnectListAllDomains`); an empty filter lists all of them.
    public func domains(_ filter: DomainListFlags = []) async throws(VirtError) -> [Domain] {
        try await checked("virConnectListAllDomains").connectListAllDomains(flags: filter).map(domain)
    }

    /// The running domain with hypervisor id `id` (`virDomainLookupByID`).
    /// - Throws: VIR_ERR_INVALID_ARG for a negative id, VIR_ERR_NO_DOMAIN when there is none.
    public func lookupDomain(id: Int32) async throws(VirtError) -> Domain {
        let driver = try checked("virDomainLookupByID")
        try Self.checkLookupID(id)
        return domain(try await driver.domainLookupByID(id))
    }

    static func checkLookupID(_ id: Int32) throws(VirtError) {
        guard id >= 0 else {
            throw .invalidArgument("id", of: "virDomainLookupByID", "id in virDomainLookupByID must be zero or greater")
        }
    }

    /// The domain called `name` (`virDomainLookupByName`).
    public func lookupDomain(name: String) async throws(VirtError) -> Domain {
        domain(try await checked("virDomainLookupByName").domainLookupByName(name))
    }

    /// The domain with this UUID (`virDomainLookupByUUID`).
    public func lookupDomain(uuid: UUID) async throws(VirtError) -> Domain {
        domain(try await checked("virDomainLookupByUUID").domainLookupByUUID(uuid))
    }

    /// The domain with this UUID, written as libvirt accepts it (`virDomainLookupByUUIDString`).
    /// - Throws: VIR_ERR_INVALID_ARG when `uuidString` is not a UUID.
    public func lookupDomain(uuidString: String) async throws(VirtError) -> Domain {
        let driver = try checked("virDomainLookupByUUIDString")
        return domain(try await driver.domainLookupByUUID(try Self.parseLookupUUID(uuidString)))
    }

    static func parseLookupUUID(_ uuidString: String) throws(VirtError) -> UUID {
        guard let uuid = UUID(libvirtString: uuidString) else {
            throw .invalidArgument("uuidstr", of: "virDomainLookupByUUIDString", "Invalid UUID")
        }
        return uuid
    }

    /// Defines (or redefines) a persistent domain from its XML without starting it (`virDomainDefineXMLFlags`).
    public func defineDomain(xml: String, flags: DomainDefineFlags) async throws(VirtError) -> Domain {
        domain(try await checkedForWrite("virDomainDefineXMLFlags").domainDefineXML(xml, flags: flags))
    }

    /// Creates and starts a transient domain from its XML (`virDomainCreateXML`, the seed's
    /// `virDomainCreateLinux`). It vanishes when it stops.
    public func createDomain(xml: String, flags: DomainCreateFlags = []) async throws(VirtError) -> Domain {
        domain(try await checkedForWrite("virDomainCreateXML").domainCreateXML(xml, flags: flags))
    }

    /// Brings back a domain saved with ``Domain/save(to:)`` (`virDomainRestore`).
    @discardableResult
    public func restoreDomain(from path: String) async throws(VirtError) -> Domain {
        let driver = try checkedForWrite("virDomainRestore")
        return domain(try await driver.domainRestore(from: Self.absolutePath(path)))
    }

    /// libvirt hands drivers absolute paths, so a relative path means the caller's directory.
    static func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let cwd = FileManager.default.currentDirectoryPath
        return cwd.hasSuffix("/") ? cwd + path : cwd + "/" + path
    }
}
