import VirtDriver
import VirtXML

extension XenDriver {
    /// State from Xen and the records; memory now and CPU time from Xen (dominfo), as libvirt reports them.
    func domainGetInfo(_ ref: DomainRef) async throws(VirtError) -> DomainInfo {
        let record = try await record(ref)
        let def = record.current
        guard let running = record.running else {
            return DomainInfo(state: .shutoff, maxMemoryKiB: def.memory.totalKiB, memoryKiB: def.memory.currentKiB,
                              virtualCPUs: UInt16(clamping: def.vcpu.online), cpuTimeNanoseconds: 0)
        }
        return DomainInfo(state: record.stateInfo.state, maxMemoryKiB: def.memory.totalKiB,
                          memoryKiB: running.info.currentMemoryKiB,
                          virtualCPUs: UInt16(clamping: def.vcpu.online), cpuTimeNanoseconds: running.info.cpuTimeNanoseconds)
    }

    func domainGetState(_ ref: DomainRef) async throws(VirtError) -> DomainStateInfo {
        let record = try await record(ref)
        guard record.isActive else { return .shutoff(store.stopReason(named: record.name)) }
        return record.stateInfo
    }

    /// libvirt's OS type names: "xen" for PV guests, "xenpvh", "hvm".
    func domainGetOSType(_ ref: DomainRef) async throws(VirtError) -> String {
        let type = try await record(ref).current.os.type
        return type == "linux" ? "xen" : type
    }
}
