import VirtDriver
import VirtRPC

/// What a domain is and how it is doing.
extension RemoteDriver {
    public func domainGetInfo(_ domain: DomainRef) async throws(VirtError) -> DomainInfo {
        let info = try await call(.domainGetInfo, RemoteDomainGetInfoArgs(dom: RemoteNonnullDomain(domain)),
                                  returning: RemoteDomainGetInfoRet.self)
        return DomainInfo(
            state: DomainState(rawValue: Int32(truncatingIfNeeded: info.state)), maxMemoryKiB: info.maxMem,
            memoryKiB: info.memory, virtualCPUs: info.nrVirtCpu, cpuTimeNanoseconds: info.cpuTime)
    }

    public func domainGetState(_ domain: DomainRef) async throws(VirtError) -> DomainStateInfo {
        let state = try await call(.domainGetState, RemoteDomainGetStateArgs(dom: RemoteNonnullDomain(domain), flags: 0),
                                   returning: RemoteDomainGetStateRet.self)
        return DomainStateInfo(state: DomainState(rawValue: state.state), reasonCode: state.reason)
    }

    public func domainGetOSType(_ domain: DomainRef) async throws(VirtError) -> String {
        try await call(.domainGetOsType, RemoteDomainGetOsTypeArgs(dom: RemoteNonnullDomain(domain)),
                       returning: RemoteDomainGetOsTypeRet.self).type
    }

    public func domainGetXMLDesc(_ domain: DomainRef, flags: DomainXMLFlags) async throws(VirtError) -> String {
        try await call(.domainGetXmlDesc, RemoteDomainGetXmlDescArgs(dom: RemoteNonnullDomain(domain), flags: flags.rawValue),
                       returning: RemoteDomainGetXmlDescRet.self).xml
    }

    public func domainGetMaxMemory(_ domain: DomainRef) async throws(VirtError) -> UInt64 {
        try await call(.domainGetMaxMemory, RemoteDomainGetMaxMemoryArgs(dom: RemoteNonnullDomain(domain)),
                       returning: RemoteDomainGetMaxMemoryRet.self).memory
    }

    public func domainIsActive(_ domain: DomainRef) async throws(VirtError) -> Bool {
        try await call(.domainIsActive, RemoteDomainIsActiveArgs(dom: RemoteNonnullDomain(domain)),
                       returning: RemoteDomainIsActiveRet.self).active != 0
    }

    public func domainIsPersistent(_ domain: DomainRef) async throws(VirtError) -> Bool {
        try await call(.domainIsPersistent, RemoteDomainIsPersistentArgs(dom: RemoteNonnullDomain(domain)),
                       returning: RemoteDomainIsPersistentRet.self).persistent != 0
    }

    public func domainGetAutostart(_ domain: DomainRef) async throws(VirtError) -> Bool {
        try await call(.domainGetAutostart, RemoteDomainGetAutostartArgs(dom: RemoteNonnullDomain(domain)),
                       returning: RemoteDomainGetAutostartRet.self).autostart != 0
    }

    public func domainHasManagedSaveImage(_ domain: DomainRef) async throws(VirtError) -> Bool {
        try await call(.domainHasManagedSaveImage, RemoteDomainHasManagedSaveImageArgs(dom: RemoteNonnullDomain(domain), flags: 0),
                       returning: RemoteDomainHasManagedSaveImageRet.self).result != 0
    }

    public func domainGetSecurityLabel(_ domain: DomainRef) async throws(VirtError) -> SecurityLabel {
        let label = try await call(.domainGetSecurityLabel, RemoteDomainGetSecurityLabelArgs(dom: RemoteNonnullDomain(domain)),
                                   returning: RemoteDomainGetSecurityLabelRet.self)
        return SecurityLabel(label: label.label.string, enforcing: label.enforcing != 0)
    }

    public func domainGetMessages(_ domain: DomainRef, flags: DomainMessageFlags) async throws(VirtError) -> [String] {
        try await call(.domainGetMessages, RemoteDomainGetMessagesArgs(dom: RemoteNonnullDomain(domain), flags: flags.rawValue),
                       returning: RemoteDomainGetMessagesRet.self).msgs
    }
}
