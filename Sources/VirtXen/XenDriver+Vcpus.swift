import VirtDriver
import VirtXML

extension XenDriver {
    func domainGetVcpusFlags(_ ref: DomainRef, flags: DomainModificationFlags) async throws(VirtError) -> Int {
        if flags.contains(.live) && flags.contains(.config) {
            throw VirtError(.invalidArg, .libxl, "invalid flag combination: (0x\(String(flags.rawValue, radix: 16)))")
        }
        let record = try await record(ref)
        let def: DomainDefinition
        if flags.contains(.config) || (!flags.contains(.live) && !record.isActive) {
            guard let persistent = record.persistent else {
                throw VirtError(.operationInvalid, .libxl, "domain is transient")
            }
            def = persistent
        } else {
            guard record.isActive else { throw VirtError(.operationInvalid, .libxl, "Domain is not running") }
            def = record.current
        }
        return Int(flags.contains(.maximum) ? def.vcpu.maximum : def.vcpu.online)
    }

    /// Live: brings vCPUs online or offline within the maximum the domain was built with
    /// (libxl_set_vcpuonline). Config: the next start's count, or with `.maximum` its maximum.
    func domainSetVcpusFlags(_ ref: DomainRef, count: UInt32, flags: DomainModificationFlags) async throws(VirtError) {
        if flags.contains(.maximum) && flags.contains(.live) {
            throw VirtError(.invalidArg, .libxl, "invalid flag combination: (0x\(String(flags.rawValue, radix: 16)))")
        }
        try await withDomainLock(ref) { (record, _) async throws(VirtError) in
            let (live, config) = try Self.impact(flags, record)
            var limit = try await toolstack.maxCPUs()
            if !flags.contains(.maximum) { limit = min(limit, Int(record.current.vcpu.maximum)) }
            guard count <= limit else {
                throw VirtError(.invalidArg, .libxl, "requested vcpus is greater than max allowable vcpus for the domain: \(count) > \(limit)")
            }
            if live, let running = record.running {
                try await toolstack.setVcpusOnline(running.status.id, count: count)
                var def = running.definition
                def.vcpu.setOnline(count)
                try writeLive(def, of: record)
            }
            if config, var def = record.persistent {
                if flags.contains(.maximum) {
                    try def.setMaximumVcpus(count)
                } else {
                    guard count <= def.vcpu.maximum else {
                        throw VirtError(.invalidArg, .libxl, "requested vcpus is greater than max allowable vcpus for the domain: \(count) > \(def.vcpu.maximum)")
                    }
                    def.vcpu.setOnline(count)
                }
                try store.writePersistent(def)
            }
        }
    }

    /// Every vCPU Xen has for the domain: state, CPU time, host CPU and hard affinity (libxl_list_vcpu).
    func domainGetVcpus(_ ref: DomainRef) async throws(VirtError) -> [VcpuInfo] {
        let record = try await record(ref)
        let running = try Self.requireActive(record)
        let hostCPUs = try await toolstack.maxCPUs()
        return try await toolstack.vcpus(running.status.id).sorted { $0.id < $1.id }.map { vcpu in
            VcpuInfo(number: vcpu.id, state: vcpu.state, cpuTimeNanoseconds: vcpu.cpuTimeNanoseconds,
                     cpu: vcpu.online ? Int32(bitPattern: vcpu.cpu) : -1,
                     affinity: CPUMap(cpuCount: hostCPUs, usable: vcpu.hardAffinity))
        }
    }

    /// Pins a vCPU: its hard affinity in Xen (live), recorded as `<vcpupin>` in the definition.
    func domainPinVcpuFlags(_ ref: DomainRef, vcpu: UInt32, map: CPUMap, flags: DomainModificationFlags) async throws(VirtError) {
        guard !map.isEmpty else { throw VirtError(.invalidArg, .libxl, "Empty cpu list for pinning") }
        try await withDomainLock(ref) { (record, _) async throws(VirtError) in
            let (live, config) = try Self.impact(flags, record)
            let hostCPUs = try await toolstack.maxCPUs()
            if let highest = map.lastUsable, highest >= hostCPUs {
                throw VirtError(.invalidArg, .libxl, "CPU \(highest) does not exist on this host (it has \(hostCPUs))")
            }
            let target = live ? record.current : (record.persistent ?? record.current)
            guard vcpu < target.vcpu.online else {
                throw VirtError(.invalidArg, .libxl, "vcpu '\(vcpu)' is not active")
            }
            let cpus = CPUMap(cpuCount: hostCPUs, usable: map.usableCPUs)
            if live, let running = record.running {
                try await toolstack.setVcpuAffinity(running.status.id, vcpu: vcpu, map: cpus)
                var def = running.definition
                def.cputune.setPin(vcpu: vcpu, cpuset: cpus.cpuList)
                try writeLive(def, of: record)
            }
            if config, var def = record.persistent {
                def.cputune.setPin(vcpu: vcpu, cpuset: cpus.cpuList)
                try store.writePersistent(def)
            }
        }
    }

    /// Every vCPU's affinity: Xen's hard affinity for a running domain, the definition's pins otherwise.
    func domainGetVcpuPinInfo(_ ref: DomainRef, flags: DomainModificationFlags) async throws(VirtError) -> [CPUMap] {
        let record = try await record(ref)
        let (live, _) = try Self.impact(flags, record)
        let hostCPUs = try await toolstack.maxCPUs()
        let length = CPUMap.byteCount(forCPUs: hostCPUs)
        if live, let running = record.running {
            let vcpus = try await toolstack.vcpus(running.status.id).sorted { $0.id < $1.id }
            return vcpus.map { CPUMap(cpuCount: hostCPUs, usable: $0.hardAffinity).resized(to: length) }
        }
        let def = record.persistent ?? record.current
        return (0..<def.vcpu.maximum).map { vcpu in
            let text = def.cputune.vcpuPins.first(where: { $0.vcpu == vcpu })?.cpuset ?? def.vcpu.cpuset
            guard let text, let map = try? CPUMap(cpuList: text, limit: hostCPUs), !map.isEmpty else {
                return CPUMap.all(cpuCount: hostCPUs).resized(to: length)
            }
            return map.resized(to: length)
        }
    }
}
