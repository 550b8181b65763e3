extension Domain {
    /// Stops the domain (`virDomainDestroyFlags`); with `.graceful` the hypervisor process is only asked to
    /// stop. A transient domain is gone afterwards.
    public func destroy(flags: DomainDestroyFlags) async throws(VirtError) {
        try await checkedForWrite("virDomainDestroyFlags").domainDestroyFlags(ref, flags: flags)
        setID(-1)
    }
}
