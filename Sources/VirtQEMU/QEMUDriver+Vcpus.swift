import VirtDriver
import VirtOS
import VirtXML

extension QEMUDriver {
    func domainGetVcpusFlags(_ ref: DomainRef, flags: DomainModificationFlags) async throws(VirtError) -> Int {
        let record = try await record(ref)
        if flags.contains(.live) && flags.contains(.config) {
            throw VirtError(.invalidArg, .domain,
                            "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive")
        }
        let (live, _) = try Self.impact(flags, record)
        let def = live ? record.current : (record.persistent ?? record.current)
        return Int(flags.contains(.maximum) ? def.vcpu.maximum : def.vcpu.online)
    }

    /// Live: plugs or unplugs vCPUs through QMP up to the maximum the domain started with. Config: the next
    /// boot's count, or with `.maximum` its maximum.
    func domainSetVcpusFlags(_ ref: DomainRef, count: UInt32, flags: DomainModificationFlags) async throws(VirtError) {
        try await withDomainLock(ref) { (record) async throws(VirtError) in
            let (live, config) = try Self.impact(flags, record)
            if live, let running = record.running {
                if flags.contains(.maximum) {
                    throw VirtError(.invalidArg, .qemu, "maximum vcpu count of a live domain can't be modified")
                }
                let def = running.definition
                guard count <= def.vcpu.maximum else {
                    throw VirtError(.invalidArg, .qemu,
                                    "requested vcpus is greater than max allowable vcpus for the live domain: \(count) > \(def.vcpu.maximum)")
                }
                // However the hot-plug ends (done, failed halfway, or its client killed), the live count is
                // read back from QEMU.
                try recordUnfinished(.vcpuChange, running)
                let plugged: Result<Void, VirtError> = try await withMonitor(record) { (monitor) async -> Result<Void, VirtError> in
                    do throws(VirtError) {
                        try await hotplug(to: count, monitor: monitor, definition: def)
                        return .success(())
                    } catch {
                        return .failure(error)
                    }
                }
                try await readBackVcpus(record, running)
                try plugged.get()
            }
            if config, var def = record.persistent {
                if flags.contains(.maximum) {
                    try def.setMaximumVcpus(count)
                } else {
                    guard count <= def.vcpu.maximum else {
                        throw VirtError(.invalidArg, .qemu,
                                        "requested vcpus is greater than max allowable vcpus for the persistent domain: \(count) > \(def.vcpu.maximum)")
                    }
                    def.vcpu.setOnline(count)
                }
                try store.writePersistent(def)
            }
        }
    }

    /// Adds CPUs into free hot-plug slots (lowest first) or removes the ones we added (highest first), then
    /// pins new vCPU threads as the definition asks.
    private func hotplug(to count: UInt32, monitor: any QEMUMonitor, definition def: DomainDefinition) async throws(VirtError) {
        var present = try await monitor.vcpus()
        if count > present.count {
            let free = try await monitor.hotpluggableCPUs().filter { $0.qomPath == nil }
            for slot in free.prefix(Int(count) - present.count) {
                let index = present.count
                try await monitor.deviceAdd(driver: slot.type, id: "vcpu\(index)", properties: slot.properties)
                present = try await monitor.vcpus()
            }
            for vcpu in present {
                if let map = Self.configuredAffinity(of: UInt32(vcpu.index), in: def) {
                    try Self.pin(thread: vcpu.threadID, to: map)
                }
            }
        } else if count < present.count {
            let removable = present.sorted { $0.index > $1.index }.prefix(present.count - Int(count))
            for vcpu in removable {
                // Hot-plugged CPUs live under /machine/peripheral/<id>; the ones QEMU booted with cannot go.
                guard vcpu.qomPath.hasPrefix("/machine/peripheral/"), let id = vcpu.qomPath.split(separator: "/").last else {
                    throw VirtError(.operationInvalid, .qemu, "vCPU \(vcpu.index) was present at boot and cannot be unplugged")
                }
                try await monitor.deviceDelete(id: String(id))
            }
            let deadline = ContinuousClock.now + .seconds(10)
            while try await monitor.vcpus().count > count {
                guard ContinuousClock.now < deadline else {
                    throw VirtError(.operationTimeout, .qemu, "the guest did not release the unplugged vCPUs")
                }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// Running vCPUs: host thread, CPU time and last host CPU from /proc, affinity from the scheduler.
    func domainGetVcpus(_ ref: DomainRef) async throws(VirtError) -> [VcpuInfo] {
        let record = try await record(ref)
        guard let running = record.running else {
            throw VirtError(.operationInvalid, .domain, "domain is not running")
        }
        let vcpus = try await withMonitor(record) { (monitor) async throws(VirtError) in try await monitor.vcpus() }
        let hostCPUs = HostInfo.presentCPUCount()
        let length = CPUMap.byteCount(forCPUs: hostCPUs)
        return vcpus.sorted { $0.index < $1.index }.map { vcpu in
            let stat = ProcStat.read(pid: running.status.pid, thread: vcpu.threadID)
            let affinity = (try? Affinity.get(thread: vcpu.threadID, length: length)).map(CPUMap.init(bytes:))
                ?? .all(cpuCount: hostCPUs)
            return VcpuInfo(number: UInt32(vcpu.index), state: .running,
                            cpuTimeNanoseconds: stat?.cpuTimeNanoseconds ?? 0,
                            cpu: stat?.lastCPU ?? -1, affinity: affinity)
        }
    }

    /// Pins a vCPU: sched_setaffinity on its thread (live), recorded in the definition's cputune.
    func domainPinVcpuFlags(_ ref: DomainRef, vcpu: UInt32, map: CPUMap, flags: DomainModificationFlags) async throws(VirtError) {
        guard !map.isEmpty else { throw VirtError(.invalidArg, .qemu, "Empty cpu list for pinning") }
        try await withDomainLock(ref) { (record) async throws(VirtError) in
            let (live, config) = try Self.impact(flags, record)
            let hostCPUs = HostInfo.presentCPUCount()
            if let highest = map.lastUsable, highest >= hostCPUs {
                throw VirtError(.invalidArg, .qemu, "CPU \(highest) does not exist on this host (it has \(hostCPUs))")
            }
            if live, let running = record.running {
                let vcpus = try await withMonitor(record) { (monitor) async throws(VirtError) in try await monitor.vcpus() }
                // An offline vCPU has no thread to pin (libvirt names the maximum in this message).
                guard let target = vcpus.first(where: { $0.index == Int(vcpu) }) else {
                    throw VirtError(.invalidArg, .qemu,
                                    "vcpu \(vcpu) is out of range of live cpu count \(running.definition.vcpu.maximum)")
                }
                try Self.pin(thread: target.threadID, to: map)
                var def = running.definition
                def.cputune.setPin(vcpu: vcpu, cpuset: map.cpuList)
                try store.writeLiveDefinition(def)
            }
            if config, var def = record.persistent {
                guard vcpu < def.vcpu.maximum else {
                    throw VirtError(.invalidArg, .qemu, "vcpu \(vcpu) is out of range of persistent cpu count \(def.vcpu.maximum)")
                }
                def.cputune.setPin(vcpu: vcpu, cpuset: map.cpuList)
                try store.writePersistent(def)
            }
        }
    }

    func domainGetVcpuPinInfo(_ ref: DomainRef, flags: DomainModificationFlags) async throws(VirtError) -> [CPUMap] {
        let record = try await record(ref)
        let (live, _) = try Self.impact(flags, record)
        let def = live ? record.current : (record.persistent ?? record.current)
        let hostCPUs = HostInfo.presentCPUCount()
        return (0..<def.vcpu.maximum).map { vcpu in
            (Self.configuredAffinity(of: vcpu, in: def) ?? .all(cpuCount: hostCPUs)).resized(to: CPUMap.byteCount(forCPUs: hostCPUs))
        }
    }
}
