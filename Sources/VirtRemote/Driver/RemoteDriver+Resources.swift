import VirtDriver
import VirtRPC

/// Memory and vCPUs. vCPU maps travel packed, `maplen` bytes each, sized for the server's CPU count as
/// virsh sizes them (NODE_GET_CPU_MAP first).
extension RemoteDriver {
    public func domainSetMaxMemory(_ domain: DomainRef, kib: UInt64) async throws(VirtError) {
        try await call(.domainSetMaxMemory, RemoteDomainSetMaxMemoryArgs(dom: RemoteNonnullDomain(domain), memory: kib))
    }

    public func domainSetMemory(_ domain: DomainRef, kib: UInt64) async throws(VirtError) {
        try await call(.domainSetMemory, RemoteDomainSetMemoryArgs(dom: RemoteNonnullDomain(domain), memory: kib))
    }

    public func domainSetMemoryFlags(_ domain: DomainRef, kib: UInt64, flags: DomainModificationFlags) async throws(VirtError) {
        try await call(.domainSetMemoryFlags,
                       RemoteDomainSetMemoryFlagsArgs(dom: RemoteNonnullDomain(domain), memory: kib, flags: flags.rawValue))
    }

    public func domainSetVcpus(_ domain: DomainRef, count: UInt32) async throws(VirtError) {
        try await call(.domainSetVcpus, RemoteDomainSetVcpusArgs(dom: RemoteNonnullDomain(domain), nvcpus: count))
    }

    public func domainSetVcpusFlags(_ domain: DomainRef, count: UInt32, flags: DomainModificationFlags) async throws(VirtError) {
        try await call(.domainSetVcpusFlags,
                       RemoteDomainSetVcpusFlagsArgs(dom: RemoteNonnullDomain(domain), nvcpus: count, flags: flags.rawValue))
    }

    public func domainGetVcpusFlags(_ domain: DomainRef, flags: DomainModificationFlags) async throws(VirtError) -> Int {
        Int(try await call(.domainGetVcpusFlags, RemoteDomainGetVcpusFlagsArgs(dom: RemoteNonnullDomain(domain), flags: flags.rawValue),
                           returning: RemoteDomainGetVcpusFlagsRet.self).num)
    }

    public func domainPinVcpu(_ domain: DomainRef, vcpu: UInt32, map: CPUMap) async throws(VirtError) {
        try await call(.domainPinVcpu, RemoteDomainPinVcpuArgs(dom: RemoteNonnullDomain(domain), vcpu: vcpu, cpumap: XDROpaque(map.bytes)))
    }

    public func domainPinVcpuFlags(_ domain: DomainRef, vcpu: UInt32, map: CPUMap, flags: DomainModificationFlags) async throws(VirtError) {
        try await call(.domainPinVcpuFlags, RemoteDomainPinVcpuFlagsArgs(
            dom: RemoteNonnullDomain(domain), vcpu: vcpu, cpumap: XDROpaque(map.bytes), flags: flags.rawValue))
    }

    /// Running vCPUs, as `virsh vcpuinfo` asks: the host's CPU count, the domain's vCPU count, then GET_VCPUS.
    public func domainGetVcpus(_ domain: DomainRef) async throws(VirtError) -> [VcpuInfo] {
        let mapLength = CPUMap.byteCount(forCPUs: try await hostCPUCount())
        let vcpuCount = try await domainGetInfo(domain).virtualCPUs
        let reply = try await call(
            .domainGetVcpus,
            RemoteDomainGetVcpusArgs(dom: RemoteNonnullDomain(domain), maxinfo: Int32(vcpuCount), maplen: Int32(mapLength)),
            returning: RemoteDomainGetVcpusRet.self)
        let maps = CPUMap.maps(in: reply.cpumaps.bytes, mapLength: mapLength)
        return reply.info.enumerated().map { index, info in
            VcpuInfo(
                number: info.number, state: VcpuState(rawValue: info.state) ?? .offline,
                cpuTimeNanoseconds: info.cpuTime, cpu: info.cpu,
                affinity: index < maps.count ? maps[index] : CPUMap(length: mapLength))
        }
    }

    /// Every vCPU's affinity: as many maps as the chosen definition's maximum vCPU count.
    public func domainGetVcpuPinInfo(_ domain: DomainRef, flags: DomainModificationFlags) async throws(VirtError) -> [CPUMap] {
        let mapLength = CPUMap.byteCount(forCPUs: try await hostCPUCount())
        let count = try await domainGetVcpusFlags(domain, flags: flags.union(.maximum))
        let reply = try await call(
            .domainGetVcpuPinInfo,
            RemoteDomainGetVcpuPinInfoArgs(
                dom: RemoteNonnullDomain(domain), ncpumaps: Int32(clamping: count), maplen: Int32(mapLength), flags: flags.rawValue),
            returning: RemoteDomainGetVcpuPinInfoRet.self)
        return Array(CPUMap.maps(in: reply.cpumaps.bytes, mapLength: mapLength).prefix(Int(max(0, reply.num))))
    }
}
