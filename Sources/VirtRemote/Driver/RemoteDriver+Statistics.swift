import VirtDriver
import VirtRPC

/// Statistics, each its own procedure.
extension RemoteDriver {
    public func domainBlockStats(_ domain: DomainRef, path: String) async throws(VirtError) -> DomainBlockStats {
        let stats = try await call(.domainBlockStats, RemoteDomainBlockStatsArgs(dom: RemoteNonnullDomain(domain), path: path),
                                   returning: RemoteDomainBlockStatsRet.self)
        return DomainBlockStats(
            readRequests: stats.rdReq, readBytes: stats.rdBytes, writeRequests: stats.wrReq, writeBytes: stats.wrBytes,
            errors: stats.errs)
    }

    public func domainInterfaceStats(_ domain: DomainRef, device: String) async throws(VirtError) -> DomainInterfaceStats {
        let stats = try await call(
            .domainInterfaceStats, RemoteDomainInterfaceStatsArgs(dom: RemoteNonnullDomain(domain), device: device),
            returning: RemoteDomainInterfaceStatsRet.self)
        return DomainInterfaceStats(
            receivedBytes: stats.rxBytes, receivedPackets: stats.rxPackets, receiveErrors: stats.rxErrs,
            receiveDrops: stats.rxDrop, transmittedBytes: stats.txBytes, transmittedPackets: stats.txPackets,
            transmitErrors: stats.txErrs, transmitDrops: stats.txDrop)
    }

    public func domainMemoryStats(_ domain: DomainRef, maxStats: UInt32, flags: UInt32) async throws(VirtError) -> [DomainMemoryStat] {
        // REMOTE_DOMAIN_MEMORY_STATS_MAX, checked before sending as libvirt's client does.
        guard maxStats <= 1024 else {
            throw VirtError(.rpc, .remote, "too many memory stats requested: \(maxStats) > 1024")
        }
        let reply = try await call(
            .domainMemoryStats, RemoteDomainMemoryStatsArgs(dom: RemoteNonnullDomain(domain), maxStats: maxStats, flags: flags),
            returning: RemoteDomainMemoryStatsRet.self)
        return reply.stats.map { DomainMemoryStat(MemoryStatTag(rawValue: $0.tag), $0.val) }
    }

    public func domainSetMemoryStatsPeriod(_ domain: DomainRef, period: Int32, flags: DomainModificationFlags) async throws(VirtError) {
        try await call(.domainSetMemoryStatsPeriod,
                       RemoteDomainSetMemoryStatsPeriodArgs(dom: RemoteNonnullDomain(domain), period: period, flags: flags.rawValue))
    }

    public func connectGetAllDomainStats(
        _ domains: [DomainRef], stats: DomainStatsTypes, flags: DomainStatsFlags
    ) async throws(VirtError) -> [DomainStatsRecord] {
        let reply = try await call(
            .connectGetAllDomainStats,
            RemoteConnectGetAllDomainStatsArgs(doms: domains.map(RemoteNonnullDomain.init), stats: stats.rawValue, flags: flags.rawValue),
            returning: RemoteConnectGetAllDomainStatsRet.self)
        return reply.retStats.map { DomainStatsRecord(domain: $0.dom.domainRef, parameters: $0.params.map(\.parameter)) }
    }
}

extension RemoteDriver {
    /// REMOTE_DOMAIN_BLOCK_STATS_PARAMETERS_MAX: asked for at once, the server answers with what it has.
    static let blockStatsParametersMax: Int32 = 16

    public func domainBlockStatsFlags(_ domain: DomainRef, path: String, flags: UInt32) async throws(VirtError) -> [TypedParameter] {
        let reply = try await call(
            .domainBlockStatsFlags,
            RemoteDomainBlockStatsFlagsArgs(dom: RemoteNonnullDomain(domain), path: path, nparams: Self.blockStatsParametersMax, flags: flags),
            returning: RemoteDomainBlockStatsFlagsRet.self)
        return reply.params.map(\.parameter)
    }
}
