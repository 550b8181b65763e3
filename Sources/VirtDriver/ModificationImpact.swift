extension DomainModificationFlags {
    /// Which definitions a change with these flags applies to, resolving "current" against the domain's
    /// state and refusing what cannot apply, with libvirt's errors (virDomainObjUpdateModificationImpact).
    public func impact(isActive: Bool, isPersistent: Bool) throws(VirtError) -> (live: Bool, config: Bool) {
        var live = contains(.live)
        var config = contains(.config)
        if !live && !config {
            if isActive { live = true } else { config = true }
        }
        if live && !isActive {
            throw VirtError(.operationInvalid, .domain, "domain is not running")
        }
        if config && !isPersistent {
            throw VirtError(.operationInvalid, .domain, "transient domains do not have any persistent config")
        }
        return (live, config)
    }
}
