extension DomainStatsTypes {
    /// The groups to fill when a caller asks for `requested` of a driver that fills `self` (libvirt's
    /// virDomainGetStatsFlags rule): none asked means all it fills; a group it cannot fill is left out, or
    /// with `enforce` refused.
    /// - Throws: VIR_ERR_ARGUMENT_UNSUPPORTED naming the bits it cannot fill, when `enforce`.
    public func select(_ requested: DomainStatsTypes, enforce: Bool, domain: ErrorDomain) throws(VirtError) -> DomainStatsTypes {
        if requested.isEmpty { return self }
        let unsupported = requested.subtracting(self)
        if enforce && !unsupported.isEmpty {
            throw VirtError(.argumentUnsupported, domain,
                            "Stats types bits 0x\(String(unsupported.rawValue, radix: 16)) are not supported by this daemon")
        }
        return requested.intersection(self)
    }
}
