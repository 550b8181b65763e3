import VirtDriver
import VirtXML

extension TestDriver {
    func domainSetMaxMemory(_ ref: DomainRef, kib: UInt64) async throws(VirtError) {
        try setMemory(ref, kib: kib, flags: .maximum)
    }

    func domainSetMemory(_ ref: DomainRef, kib: UInt64) async throws(VirtError) {
        try setMemory(ref, kib: kib, flags: .live)
    }

    func domainSetMemoryFlags(_ ref: DomainRef, kib: UInt64, flags: DomainModificationFlags) async throws(VirtError) {
        try setMemory(ref, kib: kib, flags: flags)
    }

    /// libvirt's testDomainSetMemoryFlags: one definition at a time; the maximum only while shut off.
    private func setMemory(_ ref: DomainRef, kib: UInt64, flags: DomainModificationFlags) throws(VirtError) {
        let allowed: DomainModificationFlags = [.live, .config, .maximum]
        try Self.checkFlags(flags.rawValue, allowed: allowed.rawValue, function: "testDomainSetMemoryFlags")
        try withHost { (host: inout TestHost) throws(VirtError) in
            try host.update(ref) { (domain: inout TestDomain) throws(VirtError) in
                try domain.modifyOne(flags, function: "testDomainSetMemoryFlags") { (def: inout DomainDefinition, live: Bool) throws(VirtError) in
                    if flags.contains(.maximum) {
                        if live {
                            throw VirtError(.operationInvalid, .test, "cannot resize the maximum memory on an active domain")
                        }
                        if let hotplug = def.memory.hotplugMaximum, hotplug.kib < kib {
                            throw VirtError(.operationInvalid, .test,
                                            "cannot set initial memory size greater than the maximum memory size")
                        }
                        def.memory.totalKiB = kib
                        if def.memory.currentKiB > kib { def.memory.currentKiB = kib }
                    } else {
                        if kib > def.memory.totalKiB {
                            throw VirtError(.invalidArg, .test, "cannot set memory higher than max memory")
                        }
                        def.memory.currentKiB = kib
                    }
                }
            }
        }
    }

    func domainSetVcpus(_ ref: DomainRef, count: UInt32) async throws(VirtError) {
        try setVcpus(ref, count: count, flags: .live)
    }

    func domainSetVcpusFlags(_ ref: DomainRef, count: UInt32, flags: DomainModificationFlags) async throws(VirtError) {
        try setVcpus(ref, count: count, flags: flags)
    }

    /// libvirt's testDomainSetVcpusFlags: live and persistent definitions may change together.
    private func setVcpus(_ ref: DomainRef, count: UInt32, flags: DomainModificationFlags) throws(VirtError) {
        let allowed: DomainModificationFlags = [.live, .config, .maximum]
        try Self.checkFlags(flags.rawValue, allowed: allowed.rawValue, function: "testDomainSetVcpusFlags")
        if count > TestHost.maxVcpus {
            throw VirtError(.invalidArg, .test,
                            "requested cpu amount exceeds maximum supported amount (\(count) > \(TestHost.maxVcpus))")
        }
        try withHost { (host: inout TestHost) throws(VirtError) in
            try host.update(ref) { (domain: inout TestDomain) throws(VirtError) in
                let (live, config) = try domain.impact(of: flags)
                let liveDef = domain.isActive && live
                let persistentIsDef = !domain.isActive
                if liveDef, domain.def.vcpu.maximum < count {
                    throw Self.tooManyVcpus(count, domain.def.vcpu.maximum)
                }
                if config, !flags.contains(.maximum) {
                    let persistent = persistentIsDef ? domain.def : domain.persistentDef
                    if let persistent, persistent.vcpu.maximum < count {
                        throw Self.tooManyVcpus(count, persistent.vcpu.maximum)
                    }
                }
                if liveDef { domain.def.vcpu.setOnline(count) }
                if config {
                    if persistentIsDef {
                        flags.contains(.maximum) ? try domain.def.setMaximumVcpus(count) : domain.def.vcpu.setOnline(count)
                    } else if domain.persistentDef != nil {
                        flags.contains(.maximum)
                            ? try domain.persistentDef?.setMaximumVcpus(count) : domain.persistentDef?.vcpu.setOnline(count)
                    }
                }
            }
        }
    }

    static func tooManyVcpus(_ count: UInt32, _ maximum: UInt32) -> VirtError {
        VirtError(.invalidArg, .test, "requested cpu amount exceeds maximum (\(count) > \(maximum))")
    }

    func domainGetVcpusFlags(_ ref: DomainRef, flags: DomainModificationFlags) async throws(VirtError) -> Int {
        let allowed: DomainModificationFlags = [.live, .config, .maximum]
        try Self.checkFlags(flags.rawValue, allowed: allowed.rawValue, function: "testDomainGetVcpusFlags")
        return try withHost { (host: inout TestHost) throws(VirtError) in
            let (def, _) = try host.domain(ref).oneDefinition(flags, function: "testDomainGetVcpusFlags")
            return Int(flags.contains(.maximum) ? def.vcpu.maximum : def.vcpu.online)
        }
    }

    func domainGetVcpus(_ ref: DomainRef) async throws(VirtError) -> [VcpuInfo] {
        let (domain, node) = try withHost { (host: inout TestHost) throws(VirtError) in (try host.domain(ref), host.node) }
        guard domain.isActive else {
            throw VirtError(.operationInvalid, .test, "cannot list vcpus for an inactive domain")
        }
        let cpuTime = Self.realTimeMicroseconds() / 10
        return (0..<domain.def.vcpu.online).map { vcpu in
            let map = Self.affinity(of: vcpu, in: domain.def, hostCPUs: node.maxCPUs)
            return VcpuInfo(number: vcpu, state: .running, cpuTimeNanoseconds: cpuTime,
                            cpu: Int32(map.lastUsable ?? -1), affinity: map)
        }
    }

    func domainPinVcpu(_ ref: DomainRef, vcpu: UInt32, map: CPUMap) async throws(VirtError) {
        try pinVcpu(ref, vcpu: vcpu, map: map)
    }

    func domainPinVcpuFlags(_ ref: DomainRef, vcpu: UInt32, map: CPUMap, flags: DomainModificationFlags) async throws(VirtError) {
        try Self.checkFlags(flags.rawValue, allowed: 0, function: "testDomainPinVcpuFlags")
        try pinVcpu(ref, vcpu: vcpu, map: map)
    }

    /// Pins a vCPU of the running domain (the test driver pins live definitions only).
    private func pinVcpu(_ ref: DomainRef, vcpu: UInt32, map: CPUMap) throws(VirtError) {
        try withHost { (host: inout TestHost) throws(VirtError) in
            try host.update(ref) { (domain: inout TestDomain) throws(VirtError) in
                guard domain.isActive else {
                    throw VirtError(.operationInvalid, .test, "cannot pin vcpus on an inactive domain")
                }
                guard vcpu < domain.def.vcpu.online else {
                    throw VirtError(.invalidArg, .test, "requested vcpu '\(vcpu)' is not present in the domain")
                }
                domain.def.cputune.setPin(vcpu: vcpu, cpuset: map.cpuList)
            }
        }
    }

    func domainGetVcpuPinInfo(_ ref: DomainRef, flags: DomainModificationFlags) async throws(VirtError) -> [CPUMap] {
        try withHost { (host: inout TestHost) throws(VirtError) in
            let (def, _) = try host.domain(ref).oneDefinition(flags, function: "testDomainGetVcpuPinInfo")
            return (0..<def.vcpu.maximum).map { Self.affinity(of: $0, in: def, hostCPUs: host.node.maxCPUs) }
        }
    }

    /// A vCPU's host CPUs: its own pin, else the domain's cpuset, else every host CPU; as long as the host needs.
    static func affinity(of vcpu: UInt32, in def: DomainDefinition, hostCPUs: Int) -> CPUMap {
        let limit = max(hostCPUs, 16384)
        let text = def.cputune.vcpuPins.first(where: { $0.vcpu == vcpu })?.cpuset ?? def.vcpu.cpuset
        guard let text, let map = try? CPUMap(cpuList: text, limit: limit), !map.isEmpty else {
            return .all(cpuCount: hostCPUs)
        }
        return map.length >= CPUMap.byteCount(forCPUs: hostCPUs) ? map : map.resized(to: CPUMap.byteCount(forCPUs: hostCPUs))
    }
}

extension TestDomain {
    /// Changes the one definition `flags` selects; `body` learns whether it is the live one.
    mutating func modifyOne(
        _ flags: DomainModificationFlags, function: String,
        _ body: (inout DomainDefinition, _ live: Bool) throws(VirtError) -> Void
    ) throws(VirtError) {
        let (_, live) = try oneDefinition(flags, function: function)
        if isActive && !live, var persistent = persistentDef {
            try body(&persistent, false)
            persistentDef = persistent
        } else {
            try body(&def, live)
        }
    }
}
