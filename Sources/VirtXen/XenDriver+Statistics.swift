import VirtDriver
import VirtDriverState
import VirtXML

/// Statistics as libvirt 9.0's libxl driver gives them: memory, a vif's counters and a phy disk's blkback
/// counters in dom0 (it has no bulk statistics).
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

    /// libvirt's libxlDomainInterfaceStats: the counters of the vif (or an emulated NIC's tap) in dom0's
    /// /proc/net/dev, by its host-side name (`vif<id>.<devid>`, the live XML's target) or MAC address.
    func domainInterfaceStats(_ ref: DomainRef, device: String) async throws(VirtError) -> DomainInterfaceStats {
        let record = try await record(ref)
        let running = try Self.requireActive(record)
        return try HostInterfaceStats.read(running.definition, device: device)
    }

    /// libvirt's libxlDomainBlockStats: a phy disk's blkback counters (every disk's summed for an empty path);
    /// "errs" is blkback's out-of-resources count.
    func domainBlockStats(_ ref: DomainRef, path: String) async throws(VirtError) -> DomainBlockStats {
        let counters = try await blockCounters(ref, path: path)
        return DomainBlockStats(
            readRequests: Int64(clamping: counters.readRequests), readBytes: Int64(clamping: counters.readBytes),
            writeRequests: Int64(clamping: counters.writeRequests), writeBytes: Int64(clamping: counters.writeBytes),
            errors: counters.fromBlkback ? Int64(clamping: counters.outOfRequests) : -1)
    }

    /// libvirt's libxlDomainBlockStatsFlags: the same counters as typed parameters, in its order.
    func domainBlockStatsFlags(_ ref: DomainRef, path: String, flags: UInt32) async throws(VirtError) -> [TypedParameter] {
        // VIR_TYPED_PARAM_STRING_OKAY: the only flag libvirt accepts here.
        try VirtError.checkFlags(flags, allowed: 1 << 2, function: "libxlDomainBlockStatsFlags", domain: .libxl)
        let counters = try await blockCounters(ref, path: path)
        func value(_ number: UInt64) -> TypedParameterValue { .llong(Int64(clamping: number)) }
        let parameters = [
            TypedParameter("wr_bytes", value(counters.writeBytes)),
            TypedParameter("wr_operations", value(counters.writeRequests)),
            TypedParameter("rd_bytes", value(counters.readBytes)),
            TypedParameter("rd_operations", value(counters.readRequests)),
            TypedParameter("flush_operations", value(counters.flushRequests)),
        ]
        return counters.fromBlkback ? parameters + [TypedParameter("errs", value(counters.outOfRequests))] : parameters
    }

    /// One disk's counters, or with an empty path every disk's summed (the first disk that has none fails
    /// the call). Only phy disks of raw images have blkback counters.
    private func blockCounters(_ ref: DomainRef, path: String) async throws(VirtError) -> XenBlockCounters {
        let record = try await record(ref)
        let running = try Self.requireActive(record)
        let disks: [Disk]
        if path.isEmpty {
            disks = running.definition.devices.disks
        } else {
            guard let disk = running.definition.devices.disk(named: path) else {
                throw VirtError(.operationInvalid, .libxl, "invalid path: \(path)")
            }
            disks = [disk]
        }
        var total = XenBlockCounters()
        for disk in disks {
            let driver = disk.driverName ?? "qemu"
            guard driver == "phy" else {
                throw VirtError(.operationUnsupported, .libxl, "unsupported disk driver \(driver)")
            }
            let format = disk.driverType ?? "raw"
            guard format == "raw" else {
                throw VirtError(.operationUnsupported, .libxl, "unsupported format \(format)")
            }
            total.add(try XenBlockCounters.read(
                domainID: running.status.id, target: disk.targetDev,
                sectorSize: XenBlockCounters.sectorSize(ofDevice: disk.source), root: blockStatisticsRoot))
        }
        return total
    }
}
