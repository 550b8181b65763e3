import VirtDriver
import VirtXML

extension TestDriver {
    func domainGetInfo(_ ref: DomainRef) throws(VirtError) -> DomainInfo {
        let domain = try withHost { (host: inout TestHost) throws(VirtError) in try host.domain(ref) }
        return DomainInfo(
            state: domain.state.state,
            maxMemoryKiB: domain.def.memory.totalKiB,
            memoryKiB: domain.def.memory.currentKiB,
            virtualCPUs: UInt16(clamping: domain.def.vcpu.online),
            cpuTimeNanoseconds: Self.realTimeMicroseconds() * 1000)
    }

    func domainGetState(_ ref: DomainRef) async throws(VirtError) -> DomainStateInfo {
        try withHost { (host: inout TestHost) throws(VirtError) in try host.domain(ref).state }
    }

    func domainGetOSType(_ ref: DomainRef) throws(VirtError) -> String {
        _ = try withHost { (host: inout TestHost) throws(VirtError) in try host.domain(ref) }
        return "linux"
    }

    func domainGetXMLDesc(_ ref: DomainRef, flags: DomainXMLFlags) async throws(VirtError) -> String {
        let allowed: DomainXMLFlags = [.secure, .inactive, .migratable]
        try Self.checkFlags(flags.rawValue, allowed: allowed.rawValue, function: "testDomainGetXMLDesc")
        let domain = try withHost { (host: inout TestHost) throws(VirtError) in try host.domain(ref) }
        var format: DefinitionFormat = []
        if flags.contains(.secure) { format.insert(.secure) }
        if flags.contains(.inactive) { format.insert(.inactive) }
        if flags.contains(.inactive), let persistent = domain.persistentDef {
            return persistent.xml(format)
        }
        return domain.def.xml(format)
    }

    func domainGetMaxMemory(_ ref: DomainRef) throws(VirtError) -> UInt64 {
        try withHost { (host: inout TestHost) throws(VirtError) in try host.domain(ref).def.memory.totalKiB }
    }

    func domainIsActive(_ ref: DomainRef) async throws(VirtError) -> Bool {
        try withHost { (host: inout TestHost) throws(VirtError) in try host.domain(ref).isActive }
    }

    func domainIsPersistent(_ ref: DomainRef) async throws(VirtError) -> Bool {
        try withHost { (host: inout TestHost) throws(VirtError) in try host.domain(ref).persistent }
    }

    func domainGetAutostart(_ ref: DomainRef) async throws(VirtError) -> Bool {
        try withHost { (host: inout TestHost) throws(VirtError) in try host.domain(ref).autostart }
    }

    func domainHasManagedSaveImage(_ ref: DomainRef) async throws(VirtError) -> Bool {
        try withHost { (host: inout TestHost) throws(VirtError) in try host.domain(ref).hasManagedSave }
    }

    /// Running test domains are labelled "libvirt-test", enforcing; inactive ones have an empty label.
    func domainGetSecurityLabel(_ ref: DomainRef) async throws(VirtError) -> SecurityLabel {
        let active = try withHost { (host: inout TestHost) throws(VirtError) in try host.domain(ref).isActive }
        return active ? SecurityLabel(label: "libvirt-test", enforcing: true) : SecurityLabel(label: "", enforcing: false)
    }
}
