extension Domain {
    /// Deprecation and tainting notes about the domain (`virDomainGetMessages`); empty `flags` returns all.
    public func messages(flags: DomainMessageFlags = []) async throws(VirtError) -> [String] {
        try await checked("virDomainGetMessages").domainGetMessages(ref, flags: flags)
    }
}
