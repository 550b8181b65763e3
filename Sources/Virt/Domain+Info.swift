extension Domain {
    /// State, memory, vCPUs and CPU time (`virDomainGetInfo`).
    public func info() async throws(VirtError) -> DomainInfo {
        try await checked("virDomainGetInfo").domainGetInfo(ref)
    }

    /// State with its reason (`virDomainGetState`).
    public func state() async throws(VirtError) -> DomainStateInfo {
        try await checked("virDomainGetState").domainGetState(ref)
    }

    /// The guest OS type ("hvm", "linux", "xen", ...) (`virDomainGetOSType`).
    public func osType() async throws(VirtError) -> String {
        try await checked("virDomainGetOSType").domainGetOSType(ref)
    }

    /// The domain's XML (`virDomainGetXMLDesc`): the live definition of a running domain unless `.inactive`.
    /// - Throws: VIR_ERR_OPERATION_DENIED for `.secure` or `.migratable` on a read-only connection.
    public func xmlDescription(flags: DomainXMLFlags = []) async throws(VirtError) -> String {
        let driver = try checked("virDomainGetXMLDesc")
        if connection.isReadOnly && !flags.isDisjoint(with: [.secure, .migratable]) {
            throw VirtError(.operationDenied, .domain, "virDomainGetXMLDesc with secure flag")
        }
        return try await driver.domainGetXMLDesc(ref, flags: flags)
    }

    /// Maximum memory in KiB (`virDomainGetMaxMemory`).
    public func maxMemory() async throws(VirtError) -> UInt64 {
        try await checked("virDomainGetMaxMemory").domainGetMaxMemory(ref)
    }

    /// Whether the domain is running (`virDomainIsActive`).
    public func isActive() async throws(VirtError) -> Bool {
        try await checked("virDomainIsActive").domainIsActive(ref)
    }

    /// Whether the domain has a persistent definition (`virDomainIsPersistent`).
    public func isPersistent() async throws(VirtError) -> Bool {
        try await checked("virDomainIsPersistent").domainIsPersistent(ref)
    }

    /// Whether the domain starts with the host (`virDomainGetAutostart`).
    public func autostart() async throws(VirtError) -> Bool {
        try await checked("virDomainGetAutostart").domainGetAutostart(ref)
    }

    /// Whether a managed save image exists (`virDomainHasManagedSaveImage`).
    public func hasManagedSaveImage() async throws(VirtError) -> Bool {
        try await checked("virDomainHasManagedSaveImage").domainHasManagedSaveImage(ref)
    }

    /// The running domain's security label (`virDomainGetSecurityLabel`).
    public func securityLabel() async throws(VirtError) -> SecurityLabel {
        try await checked("virDomainGetSecurityLabel").domainGetSecurityLabel(ref)
    }
}
