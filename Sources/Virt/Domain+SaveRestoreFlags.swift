extension Domain {
    /// Saves the domain's memory to `path` and stops it (`virDomainSaveFlags`). `xml` replaces the domain
    /// XML stored in the image; `.running`/`.paused` choose the state a restore brings it back in.
    /// - Throws: VIR_ERR_INVALID_ARG for `.running` with `.paused`; VIR_ERR_OPERATION_DENIED when read-only.
    public func save(to path: String, xml: String?, flags: DomainSaveRestoreFlags) async throws(VirtError) {
        let driver = try checkedForWrite("virDomainSaveFlags")
        try Self.checkSaveRestoreFlags(flags, function: "virDomainSaveFlags")
        try await driver.domainSaveFlags(ref, to: Connection.absolutePath(path), xml: xml, flags: flags)
        setID(-1)
    }

    /// `.running` and `.paused` contradict each other.
    static func checkSaveRestoreFlags(_ flags: DomainSaveRestoreFlags, function: String) throws(VirtError) {
        if flags.contains(.running) && flags.contains(.paused) {
            throw .invalidArgument(
                "flags", of: function,
                "Flags 'VIR_DOMAIN_SAVE_RUNNING' and 'VIR_DOMAIN_SAVE_PAUSED' are mutually exclusive"
            )
        }
    }
}

extension Connection {
    /// Brings back a saved domain (`virDomainRestoreFlags`), with an optional replacement XML and state.
    /// - Throws: VIR_ERR_INVALID_ARG for `.running` with `.paused`; VIR_ERR_OPERATION_DENIED when read-only.
    @discardableResult
    public func restoreDomain(
        from path: String, xml: String?, flags: DomainSaveRestoreFlags
    ) async throws(VirtError) -> Domain {
        let driver = try checkedForWrite("virDomainRestoreFlags")
        try Domain.checkSaveRestoreFlags(flags, function: "virDomainRestoreFlags")
        return domain(try await driver.domainRestoreFlags(from: Self.absolutePath(path), xml: xml, flags: flags))
    }
}
