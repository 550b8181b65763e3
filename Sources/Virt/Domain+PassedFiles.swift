extension Domain {
    /// Starts the defined domain handing it open file descriptors of this process (`virDomainCreateWithFiles`).
    public func start(passing files: [Int32], flags: DomainCreateFlags) async throws(VirtError) {
        let started = try await checkedForWrite("virDomainCreateWithFiles")
            .domainCreateWithFiles(ref, files: files, flags: flags)
        setID(started.id)
    }
}

extension Connection {
    /// Creates and starts a transient domain handing it open file descriptors (`virDomainCreateXMLWithFiles`).
    public func createDomain(xml: String, passing files: [Int32], flags: DomainCreateFlags) async throws(VirtError) -> Domain {
        domain(try await checkedForWrite("virDomainCreateXMLWithFiles").domainCreateXMLWithFiles(xml, files: files, flags: flags))
    }
}
