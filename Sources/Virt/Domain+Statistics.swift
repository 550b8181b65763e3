extension Domain {
    /// The I/O counters of the disk whose target ("vda") or source path is `path` (`virDomainBlockStats`).
    public func blockStats(path: String) async throws(VirtError) -> DomainBlockStats {
        try await checked("virDomainBlockStats").domainBlockStats(ref, path: path)
    }

    /// The same disk's counters as typed parameters, with those ``DomainBlockStats`` has no field for
    /// ("flush_operations", "rd_total_times", ...) (`virDomainBlockStatsFlags`). `flags` are libvirt's typed
    /// parameter flags; the default says the caller takes strings, as libvirt's client does.
    public func blockStatsParameters(path: String, flags: UInt32 = 1 << 2) async throws(VirtError) -> [TypedParameter] {
        try await checked("virDomainBlockStatsFlags").domainBlockStatsFlags(ref, path: path, flags: flags)
    }

    /// The counters of the interface whose host-side name ("vnet0") or MAC address is `device`
    /// (`virDomainInterfaceStats`).
    public func interfaceStats(device: String) async throws(VirtError) -> DomainInterfaceStats {
        try await checked("virDomainInterfaceStats").domainInterfaceStats(ref, device: device)
    }

    /// The guest's memory statistics, at most `maxStats` of them (`virDomainMemoryStats`); none without a
    /// balloon that reports them. No flags are defined; drivers refuse any.
    public func memoryStats(maxStats: UInt32 = MemoryStatTag.knownCount, flags: UInt32 = 0) async throws(VirtError) -> [DomainMemoryStat] {
        try await checked("virDomainMemoryStats").domainMemoryStats(ref, maxStats: maxStats, flags: flags)
    }

    /// Asks the guest's balloon for memory statistics every `seconds` (0 stops it), in the running guest,
    /// the persistent definition or both (`virDomainSetMemoryStatsPeriod`). The balloon's guest-reported
    /// figures in ``memoryStats(maxStats:)`` depend on it.
    public func setMemoryStatsPeriod(_ seconds: Int32, flags: DomainModificationFlags = []) async throws(VirtError) {
        let driver = try checkedForWrite("virDomainSetMemoryStatsPeriod")
        guard seconds >= 0 else {
            throw .invalidArgument("period", of: "virDomainSetMemoryStatsPeriod",
                                   "period in virDomainSetMemoryStatsPeriod must be zero or greater")
        }
        try await driver.domainSetMemoryStatsPeriod(ref, period: seconds, flags: flags)
    }
}

/// One domain's statistics from ``Connection/allDomainStats(_:flags:)``: typed parameters named
/// "group.field" ("state.state", "balloon.current", ...).
public struct DomainStats: Sendable {
    public let domain: Domain
    public let parameters: [TypedParameter]
}

extension Connection {
    /// The `stats` groups of every domain `flags` admits (`virConnectGetAllDomainStats`); no group asked
    /// means every group the driver fills.
    /// - Throws: VIR_ERR_ARGUMENT_UNSUPPORTED with `.enforceStats` for a group the driver cannot fill.
    public func allDomainStats(_ stats: DomainStatsTypes = [], flags: DomainStatsFlags = []) async throws(VirtError) -> [DomainStats] {
        let records = try await checked("virConnectGetAllDomainStats").connectGetAllDomainStats([], stats: stats, flags: flags)
        return records.map { DomainStats(domain: domain($0.domain), parameters: $0.parameters) }
    }

    /// The `stats` groups of `domains`, those `flags` admits (`virDomainListGetStats`).
    public func domainStats(
        _ domains: [Domain], _ stats: DomainStatsTypes = [], flags: DomainStatsFlags = []
    ) async throws(VirtError) -> [DomainStats] {
        let driver = try checked("virDomainListGetStats")
        if domains.isEmpty {
            throw VirtError(.invalidArg, .domain, "doms array in virDomainListGetStats must contain at least one domain")
        }
        let records = try await driver.connectGetAllDomainStats(domains.map(\.ref), stats: stats, flags: flags)
        return records.map { DomainStats(domain: domain($0.domain), parameters: $0.parameters) }
    }
}
