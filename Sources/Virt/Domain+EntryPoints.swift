/// The flag-less entry points of calls that also have a flags variant. libvirt names the entry point in its
/// errors (a read-only connection "prevents virDomainUndefine" but "prevents virDomainUndefineFlags"), so
/// each C entry point has its own Swift method.
extension Domain {
    /// Starts the defined domain (`virDomainCreate`). Its ``id`` becomes the new hypervisor id.
    public func start() async throws(VirtError) {
        let started = try await checkedForWrite("virDomainCreate").domainCreate(ref, flags: [])
        setID(started.id)
    }

    /// Removes the persistent definition (`virDomainUndefine`). A running domain keeps running, now transient.
    public func undefine() async throws(VirtError) {
        try await checkedForWrite("virDomainUndefine").domainUndefine(ref, flags: [])
    }

    /// Asks the guest to shut down (`virDomainShutdown`); the guest decides.
    public func shutdown() async throws(VirtError) {
        let driver = try checkedForWrite("virDomainShutdown")
        try await driver.domainShutdown(ref, flags: [])
        await refreshIDAfterStop(driver)
    }
}

extension Connection {
    /// Defines (or redefines) a persistent domain from its XML without starting it (`virDomainDefineXML`).
    public func defineDomain(xml: String) async throws(VirtError) -> Domain {
        domain(try await checkedForWrite("virDomainDefineXML").domainDefineXML(xml, flags: []))
    }
}
