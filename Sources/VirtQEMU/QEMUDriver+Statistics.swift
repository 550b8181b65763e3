import QMP
import VirtDriver
import VirtDriverState
import VirtOS
import VirtXML

/// Statistics as libvirt 9.0's QEMU driver gives them: disk counters from `query-blockstats`, memory from the
/// balloon (what the guest's driver last reported) and QEMU's resident size, and ten groups of the bulk
/// statistics. Interface counters need a host-side device, which only a tap has.
extension QEMUDriver {
    func domainBlockStats(_ ref: DomainRef, path: String) async throws(VirtError) -> DomainBlockStats {
        let stats = try await blockCounters(ref, path: path)
        return DomainBlockStats(
            readRequests: Int64(clamping: stats.readOperations), readBytes: Int64(clamping: stats.readBytes),
            writeRequests: Int64(clamping: stats.writeOperations), writeBytes: Int64(clamping: stats.writeBytes),
            errors: -1)
    }

    /// The counters libvirt's `virDomainBlockStatsFlags` gives for QEMU, in its order.
    func domainBlockStatsFlags(_ ref: DomainRef, path: String, flags: UInt32) async throws(VirtError) -> [TypedParameter] {
        // VIR_TYPED_PARAM_STRING_OKAY: the only flag libvirt accepts here.
        try VirtError.checkFlags(flags, allowed: 1 << 2, function: "qemuDomainBlockStatsFlags", domain: .qemu)
        let stats = try await blockCounters(ref, path: path)
        func value(_ number: UInt64) -> TypedParameterValue { .llong(Int64(clamping: number)) }
        return [
            TypedParameter("wr_bytes", value(stats.writeBytes)),
            TypedParameter("wr_operations", value(stats.writeOperations)),
            TypedParameter("rd_bytes", value(stats.readBytes)),
            TypedParameter("rd_operations", value(stats.readOperations)),
            TypedParameter("flush_operations", value(stats.flushOperations)),
            TypedParameter("wr_total_times", value(stats.writeTotalTimeNanoseconds)),
            TypedParameter("rd_total_times", value(stats.readTotalTimeNanoseconds)),
            TypedParameter("flush_total_times", value(stats.flushTotalTimeNanoseconds)),
        ]
    }

    /// One disk's counters, or with an empty path every disk's summed.
    private func blockCounters(_ ref: DomainRef, path: String) async throws(VirtError) -> QMPBlockStats {
        let record = try await record(ref)
        let running = try Self.requireActive(record)
        let disks = running.definition.devices.disks
        let drives: Set<String>
        if path.isEmpty {
            drives = Set(disks.indices.map { "drive-\($0)" })
        } else {
            guard let disk = running.definition.devices.disk(named: path),
                  let index = disks.firstIndex(of: disk) else {
                throw VirtError(.invalidArg, .qemu, "invalid path: \(path)")
            }
            drives = ["drive-\(index)"]
        }
        let all = try await withMonitor(record) { (monitor) async throws(VirtError) in try await monitor.blockStats() }
        let chosen = all.filter { drives.contains($0.device) }
        if !path.isEmpty && chosen.isEmpty {
            throw VirtError(.internalError, .qemu, "cannot find statistics for device '\(path)'")
        }
        return chosen.reduce(into: QMPBlockStats(device: path)) { total, next in total.add(next) }
    }

    /// The balloon's size, what the guest reported, and QEMU's resident size, in libvirt's order.
    func domainMemoryStats(_ ref: DomainRef, maxStats: UInt32, flags: UInt32) async throws(VirtError) -> [DomainMemoryStat] {
        try VirtError.checkFlags(flags, allowed: 0, function: "qemuDomainMemoryStats", domain: .qemu)
        let record = try await record(ref)
        let running = try Self.requireActive(record)
        // Only a virtio balloon is asked; without one there is QEMU's size alone.
        let stats = Self.hasVirtioBalloon(record)
            ? try await withMonitor(record) { (monitor) async throws(VirtError) in try await memoryStats(record, running, monitor) }
            : try await memoryStats(record, running, nil)
        return Array(stats.prefix(Int(maxStats)))
    }

    /// Every memory statistic of a running domain: the balloon's, then QEMU's resident size.
    private func memoryStats(
        _ record: QEMUDomainRecord, _ running: QEMUDomainRecord.Running, _ monitor: (any QEMUMonitor)?
    ) async throws(VirtError) -> [DomainMemoryStat] {
        var stats = try await balloonStats(record, monitor)
        if let rss = ProcStat.read(pid: running.status.pid)?.residentKiB { stats.append(DomainMemoryStat(.rss, rss)) }
        return stats
    }

    /// With a virtio balloon: its size (`actual`), then each statistic the guest filled, and when it did.
    private func balloonStats(_ record: QEMUDomainRecord, _ monitor: (any QEMUMonitor)?) async throws(VirtError) -> [DomainMemoryStat] {
        guard Self.hasVirtioBalloon(record), let monitor else { return [] }
        var stats = [DomainMemoryStat(.actualBalloon, try await monitor.balloonBytes() / 1024)]
        let guest = try await monitor.balloonGuestStats()
        for (member, tag, divisor) in Self.guestStatMembers {
            if let value = guest.stats[member] { stats.append(DomainMemoryStat(tag, value / divisor)) }
            if tag == .usable { stats.append(DomainMemoryStat(.lastUpdate, guest.lastUpdate)) }
        }
        return stats
    }

    private static func hasVirtioBalloon(_ record: QEMUDomainRecord) -> Bool {
        record.running?.definition.devices.memballoon?.model == "virtio"
    }

    /// QEMU's name for each statistic the guest reports, libvirt's tag, and the divisor to KiB, in the order
    /// libvirt reads them (last_update comes after usable).
    private static let guestStatMembers: [(String, MemoryStatTag, UInt64)] = [
        ("stat-swap-in", .swapIn, 1024), ("stat-swap-out", .swapOut, 1024), ("stat-major-faults", .majorFault, 1),
        ("stat-minor-faults", .minorFault, 1), ("stat-free-memory", .unused, 1024),
        ("stat-total-memory", .available, 1024), ("stat-available-memory", .usable, 1024),
        ("stat-disk-caches", .diskCaches, 1024), ("stat-htlb-pgalloc", .hugetlbPgalloc, 1),
        ("stat-htlb-pgfail", .hugetlbPgfail, 1),
    ]

    /// A user-mode NIC has no host-side device to count on, so only taps (type bridge) have counters.
    func domainInterfaceStats(_ ref: DomainRef, device: String) async throws(VirtError) -> DomainInterfaceStats {
        let record = try await record(ref)
        let running = try Self.requireActive(record)
        return try HostInterfaceStats.read(running.definition, device: device)
    }

    /// The state, cpu-total, balloon, vcpu, interface, block, perf, iothread, memory and dirtyrate groups, as
    /// libvirt's QEMU driver fills them. Three are empty by construction: perf (no perf events are ever
    /// enabled for a domain), memory (its figures are resctrl memory-bandwidth monitors, which this driver
    /// never creates) and, unless QEMU has IOThreads, iothread; vm (KVM's per-VM statistics) is empty under TCG.
    func connectGetAllDomainStats(
        _ domains: [DomainRef], stats: DomainStatsTypes, flags: DomainStatsFlags
    ) async throws(VirtError) -> [DomainStatsRecord] {
        try VirtError.checkFlags(
            flags.rawValue, allowed: DomainStatsFlags.known.rawValue, function: "qemuConnectGetAllDomainStats", domain: .qemu)
        let filled: DomainStatsTypes = [.state, .cpuTotal, .balloon, .vcpu, .interface, .block, .perf, .iothread, .memory, .dirtyRate, .vm]
        let groups = try filled.select(stats, enforce: flags.contains(.enforceStats), domain: .qemu)
        var records: [QEMUDomainRecord] = []
        if domains.isEmpty {
            records = try await allRecords()
        } else {
            for ref in domains { if let found = try? await record(ref) { records.append(found) } }
        }
        let filter = flags.listFilter
        var result: [DomainStatsRecord] = []
        let queried: DomainStatsTypes = [.cpuTotal, .balloon, .vcpu, .block, .iothread, .dirtyRate, .vm]
        for record in records where filter.isEmpty || matches(record, filter) {
            // One monitor session for every group that asks QEMU (each session costs a connection and a
            // handshake); without one (not running, NOWAIT, or QEMU not answering) those groups say less.
            var parameters: [TypedParameter]?
            if record.running != nil, !flags.contains(.noWait), !groups.isDisjoint(with: queried) {
                parameters = try? await withMonitor(record) { (monitor) async throws(VirtError) in
                    await groupParameters(record, groups, monitor)
                }
            }
            if parameters == nil { parameters = await groupParameters(record, groups, nil) }
            result.append(DomainStatsRecord(domain: record.ref, parameters: parameters ?? []))
        }
        return result
    }

    /// One domain's `groups`, in libvirt's order, asking QEMU through `monitor` where there is one.
    private func groupParameters(
        _ record: QEMUDomainRecord, _ groups: DomainStatsTypes, _ monitor: (any QEMUMonitor)?
    ) async -> [TypedParameter] {
        var parameters: [TypedParameter] = []
        if groups.contains(.state) {
            let state = record.running?.status.domainState ?? .shutoff(store.stopReason(named: record.name))
            parameters.append(TypedParameter("state.state", .int(state.state.rawValue)))
            parameters.append(TypedParameter("state.reason", .int(state.reasonCode)))
        }
        if groups.contains(.cpuTotal) { parameters += await cpuGroup(record, monitor) }
        if groups.contains(.balloon) { parameters += await balloonGroup(record, monitor) }
        if groups.contains(.vcpu) { parameters += await vcpuGroup(record, monitor) }
        if groups.contains(.interface), let running = record.running { parameters += Self.interfaceGroup(running.definition) }
        if groups.contains(.block) { parameters += await blockGroup(record, monitor) }
        if groups.contains(.iothread) { parameters += await ioThreadGroup(monitor) }
        if groups.contains(.dirtyRate) { parameters += await dirtyRateGroup(monitor) }
        if groups.contains(.vm) { parameters += await vmGroup(monitor) }
        return parameters
    }

    /// KVM's statistics of the whole machine, named as libvirt names them (``typedStatistics(_:prefix:)``).
    private func vmGroup(_ monitor: (any QEMUMonitor)?) async -> [TypedParameter] {
        guard let machine = try? await monitor?.statistics(target: "vm", provider: "kvm").first else { return [] }
        return Self.typedStatistics(machine.values, prefix: "vm")
    }

    /// Hypervisor statistics as libvirt names them: "<prefix>.<name>.<sum|cur|max>" for a cumulative, instant
    /// or peak figure (histograms are left out), an unsigned long long or a boolean.
    static func typedStatistics(_ values: [(statistic: QMPStatistic, type: String?)], prefix: String) -> [TypedParameter] {
        var parameters: [TypedParameter] = []
        for (statistic, type) in values {
            let suffix: String
            switch type {
            case "cumulative": suffix = "sum"
            case "instant": suffix = "cur"
            case "peak": suffix = "max"
            default: continue
            }
            let name = "\(prefix).\(statistic.name).\(suffix)"
            if let flag = statistic.value.boolValue {
                parameters.append(TypedParameter(name, .boolean(flag)))
            } else if let number = statistic.value.uint64Value {
                parameters.append(TypedParameter(name, .ullong(number)))
            }
        }
        return parameters
    }

    /// balloon.current and balloon.maximum, then for a running domain what `virDomainMemoryStats` gives,
    /// named as libvirt names them in this group ("balloon.last-update"); when that fails, as libvirt, only
    /// the first two.
    private func balloonGroup(_ record: QEMUDomainRecord, _ monitor: (any QEMUMonitor)?) async -> [TypedParameter] {
        let def = record.current
        var current = def.memory.currentKiB
        var memory: [DomainMemoryStat] = []
        if let running = record.running, let monitor {
            memory = (try? await memoryStats(record, running, monitor)) ?? []
            if let actual = memory.first(where: { $0.tag == .actualBalloon }) { current = actual.value }
        }
        var parameters = [
            TypedParameter("balloon.current", .ullong(current)), TypedParameter("balloon.maximum", .ullong(def.memory.totalKiB)),
        ]
        for stat in memory where stat.tag != .actualBalloon {
            guard let name = stat.tag.name else { continue }
            parameters.append(TypedParameter("balloon." + (stat.tag == .lastUpdate ? "last-update" : name), .ullong(stat.value)))
        }
        return parameters
    }
}

extension QEMUDriver {
    /// vcpu.current and vcpu.maximum, then for a running domain each vCPU's state, CPU time and scheduler
    /// waits (from its thread), as libvirt names them ("vcpu.0.state", "vcpu.0.time", "vcpu.0.wait",
    /// "vcpu.0.delay"), and KVM's own figures of it ("vcpu.0.halt_poll_success_ns.sum", ...).
    fileprivate func vcpuGroup(_ record: QEMUDomainRecord, _ monitor: (any QEMUMonitor)?) async -> [TypedParameter] {
        let def = record.current
        var parameters = [
            TypedParameter("vcpu.current", .uint(def.vcpu.online)), TypedParameter("vcpu.maximum", .uint(def.vcpu.maximum)),
        ]
        guard let running = record.running, let monitor, let vcpus = try? await monitor.vcpus() else { return parameters }
        // KVM's own figures of each vCPU, by QOM path (none under TCG).
        let hypervisor = (try? await monitor.statistics(target: "vcpu", provider: "kvm")) ?? []
        for vcpu in vcpus.sorted(by: { $0.index < $1.index }) {
            parameters.append(TypedParameter("vcpu.\(vcpu.index).state", .int(VcpuState.running.rawValue)))
            let time = ProcStat.read(pid: running.status.pid, thread: vcpu.threadID)?.cpuTimeNanoseconds ?? 0
            parameters.append(TypedParameter("vcpu.\(vcpu.index).time", .ullong(time)))
            let scheduler = ThreadSchedulerTimes.read(pid: running.status.pid, thread: vcpu.threadID)
            parameters.append(TypedParameter("vcpu.\(vcpu.index).wait", .ullong(scheduler.waitNanoseconds)))
            parameters.append(TypedParameter("vcpu.\(vcpu.index).delay", .ullong(scheduler.delayNanoseconds)))
            if let own = hypervisor.first(where: { $0.qomPath != nil && $0.qomPath == vcpu.qomPath }) {
                parameters += Self.typedStatistics(own.values, prefix: "vcpu.\(vcpu.index)")
            }
        }
        return parameters
    }
}

extension QEMUDriver {
    /// A running domain's CPU time (its QEMU process's, from /proc), the count of its resctrl cache monitors
    /// (always 0: this driver creates none) and, with a monitor, the time its vCPUs spent halt-polling,
    /// summed from KVM's query-stats (0 and 0 under TCG, which has no such figures), as libvirt reports them.
    fileprivate func cpuGroup(_ record: QEMUDomainRecord, _ monitor: (any QEMUMonitor)?) async -> [TypedParameter] {
        guard let running = record.running, let stat = ProcStat.read(pid: running.status.pid) else { return [] }
        var parameters = [
            TypedParameter("cpu.time", .ullong(stat.cpuTimeNanoseconds)),
            TypedParameter("cpu.user", .ullong(stat.userTimeNanoseconds)),
            TypedParameter("cpu.system", .ullong(stat.systemTimeNanoseconds)),
            TypedParameter("cpu.cache.monitor.count", .uint(0)),
        ]
        let names = ["halt_poll_success_ns", "halt_poll_fail_ns"]
        guard let vcpus = try? await monitor?.vcpuStatistics(provider: "kvm", names: names) else { return parameters }
        var sums: [UInt64] = [0, 0]
        for vcpu in vcpus {
            // As libvirt: a vCPU without both figures means none are reported.
            let values = names.compactMap { vcpu[$0]?.uint64Value }
            guard values.count == names.count else { return parameters }
            for index in sums.indices { sums[index] &+= values[index] }
        }
        parameters.append(TypedParameter("cpu.haltpoll.success.time", .ullong(sums[0])))
        parameters.append(TypedParameter("cpu.haltpoll.fail.time", .ullong(sums[1])))
        return parameters
    }

    /// iothread.count and each IOThread's polling figures, when QEMU (asked through `monitor`) has IOThreads
    /// (ids from their QOM ids, "iothread<N>").
    fileprivate func ioThreadGroup(_ monitor: (any QEMUMonitor)?) async -> [TypedParameter] {
        guard let threads = try? await monitor?.ioThreads(), !threads.isEmpty else { return [] }
        var parameters = [TypedParameter("iothread.count", .uint(UInt32(threads.count)))]
        for thread in threads {
            guard thread.id.hasPrefix("iothread"), let id = UInt32(thread.id.dropFirst("iothread".count)),
                  let maxNanoseconds = thread.pollMaxNanoseconds, let grow = thread.pollGrow, let shrink = thread.pollShrink
            else { continue }
            parameters.append(TypedParameter("iothread.\(id).poll-max-ns", .ullong(maxNanoseconds)))
            parameters.append(TypedParameter("iothread.\(id).poll-grow", .uint(UInt32(clamping: grow))))
            parameters.append(TypedParameter("iothread.\(id).poll-shrink", .uint(UInt32(clamping: shrink))))
        }
        return parameters
    }

    /// The last dirty-page-rate calculation QEMU (asked through `monitor`) made: its status (0 not
    /// started, 1 measuring, 2 measured), start, period and mode, and once measured the rate in MiB/s (per
    /// vCPU too in dirty-ring mode).
    fileprivate func dirtyRateGroup(_ monitor: (any QEMUMonitor)?) async -> [TypedParameter] {
        guard let rate = try? await monitor?.dirtyRate() else { return [] }
        let statuses = ["unstarted": Int32(0), "measuring": 1, "measured": 2]
        guard let status = statuses[rate.status] else { return [] }
        let mode = rate.mode ?? "page-sampling"
        var parameters = [
            TypedParameter("dirtyrate.calc_status", .int(status)),
            TypedParameter("dirtyrate.calc_start_time", .llong(rate.startTime)),
            TypedParameter("dirtyrate.calc_period", .int(Int32(clamping: rate.calcTime))),
            TypedParameter("dirtyrate.calc_mode", .string(mode)),
        ]
        if status == 2, let measured = rate.megabytesPerSecond {
            parameters.append(TypedParameter("dirtyrate.megabytes_per_second", .llong(measured)))
            if mode == "dirty-ring" {
                for vcpu in rate.vcpuRates {
                    parameters.append(TypedParameter("dirtyrate.vcpu.\(vcpu.id).megabytes_per_second", .ullong(vcpu.megabytesPerSecond)))
                }
            }
        }
        return parameters
    }
}

extension QEMUDriver {
    /// net.count, then for each NIC with a host-side device its name and counters (the guest's view: the
    /// host's receive is its transmit). A user-mode NIC is counted, with nothing more, as libvirt does.
    fileprivate static func interfaceGroup(_ def: DomainDefinition) -> [TypedParameter] {
        var parameters = [TypedParameter("net.count", .uint(UInt32(def.devices.interfaces.count)))]
        for (index, interface) in def.devices.interfaces.enumerated() {
            guard let name = interface.targetDev else { continue }
            parameters.append(TypedParameter("net.\(index).name", .string(name)))
            guard let guest = HostInterfaceStats.counters(of: interface) else { continue }
            let counters: [(String, Int64)] = [
                ("rx.bytes", guest.receivedBytes), ("rx.pkts", guest.receivedPackets), ("rx.errs", guest.receiveErrors),
                ("rx.drop", guest.receiveDrops), ("tx.bytes", guest.transmittedBytes), ("tx.pkts", guest.transmittedPackets),
                ("tx.errs", guest.transmitErrors), ("tx.drop", guest.transmitDrops),
            ]
            for (field, value) in counters {
                parameters.append(TypedParameter("net.\(index).\(field)", .ullong(UInt64(clamping: value))))
            }
        }
        return parameters
    }

    /// block.count, then each disk's target and source; for a running domain its counters (from
    /// query-blockstats) and the highest offset written (allocation); and the image's sizes.
    fileprivate func blockGroup(_ record: QEMUDomainRecord, _ monitor: (any QEMUMonitor)?) async -> [TypedParameter] {
        let def = record.current
        var counters: [String: QMPBlockStats] = [:]
        if record.running != nil, let all = try? await monitor?.blockStats() {
            for stats in all { counters[stats.device] = stats }
        }
        var parameters = [TypedParameter("block.count", .uint(UInt32(def.devices.disks.count)))]
        for (index, disk) in def.devices.disks.enumerated() {
            let prefix = "block.\(index)."
            parameters.append(TypedParameter(prefix + "name", .string(disk.targetDev)))
            if let source = disk.source { parameters.append(TypedParameter(prefix + "path", .string(source))) }
            if let stats = counters["drive-\(index)"] {
                // A running domain's top image is index 1 of its chain, as libvirt numbers it.
                if disk.source != nil { parameters.append(TypedParameter(prefix + "backingIndex", .uint(1))) }
                let figures: [(String, UInt64)] = [
                    ("rd.reqs", stats.readOperations), ("rd.bytes", stats.readBytes), ("rd.times", stats.readTotalTimeNanoseconds),
                    ("wr.reqs", stats.writeOperations), ("wr.bytes", stats.writeBytes), ("wr.times", stats.writeTotalTimeNanoseconds),
                    ("fl.reqs", stats.flushOperations), ("fl.times", stats.flushTotalTimeNanoseconds),
                    ("allocation", stats.writeHighestOffset),
                ]
                for (field, value) in figures { parameters.append(TypedParameter(prefix + field, .ullong(value))) }
            }
            if let source = disk.source, let size = DiskImageSize.read(source, format: disk.driverType ?? "raw") {
                parameters.append(TypedParameter(prefix + "capacity", .ullong(size.capacity)))
                parameters.append(TypedParameter(prefix + "physical", .ullong(size.physical)))
            }
        }
        return parameters
    }
}

extension QMPBlockStats {
    mutating func add(_ other: QMPBlockStats) {
        readBytes &+= other.readBytes
        writeBytes &+= other.writeBytes
        readOperations &+= other.readOperations
        writeOperations &+= other.writeOperations
        flushOperations &+= other.flushOperations
        readTotalTimeNanoseconds &+= other.readTotalTimeNanoseconds
        writeTotalTimeNanoseconds &+= other.writeTotalTimeNanoseconds
        flushTotalTimeNanoseconds &+= other.flushTotalTimeNanoseconds
    }
}

extension QEMUDriver {
    /// libvirt's qemuDomainSetMemoryStatsPeriod: the running guest's balloon through QMP, then the persistent
    /// definition; each needs a balloon.
    func domainSetMemoryStatsPeriod(_ ref: DomainRef, period: Int32, flags: DomainModificationFlags) async throws(VirtError) {
        try VirtError.checkFlags(flags.rawValue, allowed: DomainModificationFlags([.live, .config]).rawValue,
                                 function: "qemuDomainSetMemoryStatsPeriod", domain: .qemu)
        try await withDomainLock(ref) { (record) async throws(VirtError) in
            let (live, config) = try Self.impact(flags, record)
            if live, let running = record.running {
                var def = running.definition
                guard def.devices.hasMemballoon else { throw VirtError(.internalError, .qemu, Memballoon.noBalloonForStatsPeriod) }
                do {
                    try await withMonitor(record) { (monitor) async throws(VirtError) in try await monitor.setBalloonStatsPeriod(period) }
                } catch {
                    throw VirtError(.operationInvalid, .qemu, "unable to set balloon driver collection period")
                }
                def.devices.memballoon?.statsPeriod = period
                try store.writeLiveDefinition(def)
            }
            if config, var def = record.persistent {
                guard def.devices.hasMemballoon else { throw VirtError(.internalError, .qemu, Memballoon.noBalloonForStatsPeriod) }
                def.devices.memballoon?.statsPeriod = period
                try store.writePersistent(def)
            }
        }
    }
}
