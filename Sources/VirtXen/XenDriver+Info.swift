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
        guard record.isActive else { return DomainStateInfo(.shutoff, reason: store.stopReason(named: record.name)) }
        return record.stateInfo
    }

    /// libvirt's OS type names: "xen" for PV guests, "xenpvh", "hvm".
    func domainGetOSType(_ ref: DomainRef) async throws(VirtError) -> String {
        let type = try await record(ref).current.os.type
        return type == "linux" ? "xen" : type
    }

    func domainGetXMLDesc(_ ref: DomainRef, flags: DomainXMLFlags) async throws(VirtError) -> String {
        let record = try await record(ref)
        var format: DefinitionFormat = []
        if flags.contains(.secure) { format.insert(.secure) }
        if flags.contains(.inactive) {
            format.insert(.inactive)
            return (record.persistent ?? record.current).xml(format)
        }
        return record.current.xml(format)
    }

    func domainGetMaxMemory(_ ref: DomainRef) async throws(VirtError) -> UInt64 {
        try await record(ref).current.memory.totalKiB
    }

    func domainIsActive(_ ref: DomainRef) async throws(VirtError) -> Bool {
        try await record(ref).isActive
    }

    func domainIsPersistent(_ ref: DomainRef) async throws(VirtError) -> Bool {
        try await record(ref).isPersistent
    }

    /// Nothing starts domains when dom0 boots without a daemon.
    func domainGetAutostart(_ ref: DomainRef) async throws(VirtError) -> Bool {
        _ = try await record(ref)
        return false
    }

    func domainHasManagedSaveImage(_ ref: DomainRef) async throws(VirtError) -> Bool {
        _ = try await record(ref)
        return false
    }

    /// Xen domains run unlabelled (no security driver).
    func domainGetSecurityLabel(_ ref: DomainRef) async throws(VirtError) -> SecurityLabel {
        _ = try await record(ref)
        return SecurityLabel(label: "", enforcing: false)
    }
}
