import VirtDriver

/// Statistics as libvirt 9.0's libxl driver gives them. Only memory so far (libvirt's libxl driver also
/// reads a vif's counters in dom0 and a phy disk's blkback counters; it has no bulk statistics).
extension XenDriver {
    /// libvirt's libxlDomainMemoryStats: the balloon's size as Xen reports it now, and the definition's
    /// total memory as "available"; at most `maxStats` of them.
    func domainMemoryStats(_ ref: DomainRef, maxStats: UInt32, flags: UInt32) async throws(VirtError) -> [DomainMemoryStat] {
        try VirtError.checkFlags(flags, allowed: 0, function: "libxlDomainMemoryStats", domain: .libxl)
        let record = try await record(ref)
        let running = try Self.requireActive(record)
        let stats = [
            DomainMemoryStat(.actualBalloon, running.info.currentMemoryKiB),
            DomainMemoryStat(.available, running.definition.memory.totalKiB),
        ]
        return Array(stats.prefix(Int(maxStats)))
    }
}
