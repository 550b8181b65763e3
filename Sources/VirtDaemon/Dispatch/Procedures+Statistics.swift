import Virt
import VirtRPC

/// Statistics: what monitoring exporters and virt-manager's polling read.
extension ProcedureTable {
    /// REMOTE_DOMAIN_MEMORY_STATS_MAX: the most statistics a reply may carry.
    static let memoryStatsMax: UInt32 = 1024
    /// REMOTE_DOMAIN_BLOCK_STATS_PARAMETERS_MAX.
    static let blockStatsParametersMax: Int32 = 16

    mutating func addStatisticsProcedures() {
        add(.domainSetMemoryStatsPeriod, "virDomainSetMemoryStatsPeriod", .mutates, RemoteDomainSetMemoryStatsPeriodArgs.self) {
            args, client throws(VirtError) in
            try await client.domain(args.dom).setMemoryStatsPeriod(args.period, flags: DomainModificationFlags(rawValue: args.flags))
            return XDRVoid()
        }
        add(.domainBlockStats, "virDomainBlockStats", .reads, RemoteDomainBlockStatsArgs.self) { args, client throws(VirtError) in
            let stats = try await client.domain(args.dom).blockStats(path: args.path)
            return RemoteDomainBlockStatsRet(
                rdReq: stats.readRequests, rdBytes: stats.readBytes, wrReq: stats.writeRequests,
                wrBytes: stats.writeBytes, errs: stats.errors)
        }
        add(.domainBlockStatsFlags, "virDomainBlockStatsFlags", .reads, RemoteDomainBlockStatsFlagsArgs.self) {
            args, client throws(VirtError) in
            guard args.nparams <= Self.blockStatsParametersMax else { throw VirtError.rpc("nparams too large") }
            let parameters = try await client.domain(args.dom).blockStatsParameters(path: args.path, flags: args.flags)
            // Asked for none, the server says how many there are, as libvirt's drivers do.
            let sent = args.nparams <= 0 ? [] : Array(parameters.prefix(Int(args.nparams)))
            return RemoteDomainBlockStatsFlagsRet(
                params: sent.map(RemoteTypedParam.init), nparams: Int32(args.nparams <= 0 ? parameters.count : sent.count))
        }
        add(.domainInterfaceStats, "virDomainInterfaceStats", .reads, RemoteDomainInterfaceStatsArgs.self) {
            args, client throws(VirtError) in
            let stats = try await client.domain(args.dom).interfaceStats(device: args.device)
            return RemoteDomainInterfaceStatsRet(
                rxBytes: stats.receivedBytes, rxPackets: stats.receivedPackets, rxErrs: stats.receiveErrors,
                rxDrop: stats.receiveDrops, txBytes: stats.transmittedBytes, txPackets: stats.transmittedPackets,
                txErrs: stats.transmitErrors, txDrop: stats.transmitDrops)
        }
        add(.domainMemoryStats, "virDomainMemoryStats", .reads, RemoteDomainMemoryStatsArgs.self) {
            args, client throws(VirtError) in
            guard args.maxStats <= Self.memoryStatsMax else {
                throw VirtError.rpc("maxStats > REMOTE_DOMAIN_MEMORY_STATS_MAX")
            }
            try Self.noFlags(args.flags, "virDomainMemoryStats")
            let stats = try await client.domain(args.dom).memoryStats(maxStats: args.maxStats)
            return RemoteDomainMemoryStatsRet(stats: stats.map { RemoteDomainMemoryStat(tag: $0.tag.rawValue, val: $0.value) })
        }
        add(.connectGetAllDomainStats, "virConnectGetAllDomainStats", .reads, RemoteConnectGetAllDomainStatsArgs.self) {
            args, client throws(VirtError) in
            let connection = try client.connection()
            let stats = DomainStatsTypes(rawValue: args.stats), flags = DomainStatsFlags(rawValue: args.flags)
            let records = args.doms.isEmpty
                ? try await connection.allDomainStats(stats, flags: flags)
                : try await connection.domainStats(try args.doms.map(client.domain), stats, flags: flags)
            return RemoteConnectGetAllDomainStatsRet(retStats: records.map {
                RemoteDomainStatsRecord(dom: RemoteNonnullDomain($0.domain.ref), params: $0.parameters.map(RemoteTypedParam.init))
            })
        }
    }
}
