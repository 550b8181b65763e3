import VirtDriver
import VirtXML

/// Statistics as libvirt 9.0's test driver makes them up: block and interface counters are fractions of the
/// wall clock in microseconds ("no significance, just enough to mix it up"), memory statistics fractions of
/// the balloon, and only the "state" group of the bulk statistics.
extension TestDriver {
    func domainBlockStats(_ ref: DomainRef, path: String) async throws(VirtError) -> DomainBlockStats {
        if path.isEmpty {
            throw VirtError(.operationUnsupported, .test, "summary statistics are not supported yet")
        }
        let domain = try withHost { (host: inout TestHost) throws(VirtError) in try host.domain(ref) }
        guard domain.isActive else { throw Self.notRunning() }
        guard domain.def.devices.disk(named: path) != nil else {
            throw VirtError(.invalidArg, .test, "invalid path: \(path)")
        }
        let base = Int64(clamping: Self.realTimeMicroseconds())
        return DomainBlockStats(
            readRequests: base / 10, readBytes: base / 20, writeRequests: base / 30, writeBytes: base / 40,
            errors: base / 2_000_000)
    }

    func domainInterfaceStats(_ ref: DomainRef, device: String) async throws(VirtError) -> DomainInterfaceStats {
        let domain = try withHost { (host: inout TestHost) throws(VirtError) in try host.domain(ref) }
        guard domain.isActive else { throw Self.notRunning() }
        _ = try domain.def.devices.interface(named: device)
        let base = Int64(clamping: Self.realTimeMicroseconds())
        return DomainInterfaceStats(
            receivedBytes: base / 10, receivedPackets: base / 100, receiveErrors: base / 1_000_000,
            receiveDrops: base / 2_000_000, transmittedBytes: base / 20, transmittedPackets: base / 110,
            transmitErrors: base / 3_000_000, transmitDrops: base / 4_000_000)
    }

    /// With a virtio balloon, thirteen statistics derived from the balloon's size; without one, none.
    func domainMemoryStats(_ ref: DomainRef, maxStats: UInt32, flags: UInt32) async throws(VirtError) -> [DomainMemoryStat] {
        try Self.checkFlags(flags, allowed: 0, function: "testDomainMemoryStats")
        let domain = try withHost { (host: inout TestHost) throws(VirtError) in try host.domain(ref) }
        guard domain.isActive else { throw Self.notRunning() }
        guard domain.def.devices.memballoon?.model == "virtio" else { return [] }
        let actual = domain.def.memory.currentKiB
        let stats = [
            DomainMemoryStat(.actualBalloon, actual), DomainMemoryStat(.swapIn, 0), DomainMemoryStat(.swapOut, 0),
            DomainMemoryStat(.majorFault, 0), DomainMemoryStat(.minorFault, 0), DomainMemoryStat(.unused, actual / 2),
            DomainMemoryStat(.available, actual), DomainMemoryStat(.usable, actual / 2),
            // The guest's clock of libvirt's test domains, fixed.
            DomainMemoryStat(.lastUpdate, 627_319_920), DomainMemoryStat(.diskCaches, actual / 8),
            DomainMemoryStat(.hugetlbPgalloc, 0), DomainMemoryStat(.hugetlbPgfail, 0), DomainMemoryStat(.rss, actual / 2),
        ]
        return Array(stats.prefix(Int(maxStats)))
    }

    func connectGetAllDomainStats(
        _ domains: [DomainRef], stats: DomainStatsTypes, flags: DomainStatsFlags
    ) async throws(VirtError) -> [DomainStatsRecord] {
        try Self.checkFlags(flags.rawValue, allowed: DomainStatsFlags.known.rawValue, function: "testConnectGetAllDomainStats")
        let groups = try DomainStatsTypes.state.select(stats, enforce: flags.contains(.enforceStats), domain: .test)
        let filter = flags.listFilter
        return withHostValue { host in
            let chosen = domains.isEmpty ? Array(host.domains.all) : domains.compactMap { host.domains[$0.uuid] }
            return chosen.filter { filter.isEmpty || Self.matches($0, filter) }.map { domain in
                var parameters: [TypedParameter] = []
                if groups.contains(.state) {
                    parameters.append(TypedParameter("state.state", .int(domain.state.state.rawValue)))
                    parameters.append(TypedParameter("state.reason", .int(domain.state.reasonCode)))
                }
                return DomainStatsRecord(domain: domain.ref, parameters: parameters)
            }
        }
    }
}

extension TestDriver {
    /// libvirt's testDomainSetMemoryStatsPeriod: one definition at a time, which needs a balloon.
    func domainSetMemoryStatsPeriod(_ ref: DomainRef, period: Int32, flags: DomainModificationFlags) async throws(VirtError) {
        let function = "testDomainSetMemoryStatsPeriod"
        try Self.checkFlags(flags.rawValue, allowed: DomainModificationFlags([.live, .config]).rawValue, function: function)
        try withHost { (host: inout TestHost) throws(VirtError) in
            try host.update(ref) { (domain: inout TestDomain) throws(VirtError) in
                try domain.modifyOne(flags, function: function) { (def: inout DomainDefinition, _: Bool) throws(VirtError) in
                    guard def.devices.hasMemballoon else {
                        throw VirtError(.internalError, .test, Memballoon.noBalloonForStatsPeriod)
                    }
                    def.devices.memballoon?.statsPeriod = period
                }
            }
        }
    }
}
