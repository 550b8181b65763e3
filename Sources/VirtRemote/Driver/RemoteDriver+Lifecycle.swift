import VirtDriver
import VirtRPC

/// Defining, starting, stopping, pausing, saving and restoring. Where the table's call has flags and libvirt
/// has an older procedure without them, no flags go through the older one (what libvirt's own public calls
/// without flags use), so both kinds of server work.
extension RemoteDriver {
    public func domainDefineXML(_ xml: String, flags: DomainDefineFlags) async throws(VirtError) -> DomainRef {
        if flags.isEmpty {
            return try await call(.domainDefineXml, RemoteDomainDefineXmlArgs(xml: xml),
                                  returning: RemoteDomainDefineXmlRet.self).dom.domainRef
        }
        return try await call(.domainDefineXmlFlags, RemoteDomainDefineXmlFlagsArgs(xml: xml, flags: flags.rawValue),
                              returning: RemoteDomainDefineXmlFlagsRet.self).dom.domainRef
    }

    public func domainUndefine(_ domain: DomainRef, flags: DomainUndefineFlags) async throws(VirtError) {
        if flags.isEmpty {
            try await call(.domainUndefine, RemoteDomainUndefineArgs(dom: RemoteNonnullDomain(domain)))
        } else {
            try await call(.domainUndefineFlags, RemoteDomainUndefineFlagsArgs(dom: RemoteNonnullDomain(domain), flags: flags.rawValue))
        }
    }

    /// DOMAIN_CREATE returns nothing: like libvirt's client, ask the domain again by UUID to learn its id.
    public func domainCreate(_ domain: DomainRef, flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        if flags.isEmpty {
            try await call(.domainCreate, RemoteDomainCreateArgs(dom: RemoteNonnullDomain(domain)))
            return try await domainLookupByUUID(domain.uuid)
        }
        return try await call(
            .domainCreateWithFlags, RemoteDomainCreateWithFlagsArgs(dom: RemoteNonnullDomain(domain), flags: flags.rawValue),
            returning: RemoteDomainCreateWithFlagsRet.self
        ).dom.domainRef
    }

    public func domainCreateXML(_ xml: String, flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        try await call(.domainCreateXml, RemoteDomainCreateXmlArgs(xmlDesc: xml, flags: flags.rawValue),
                       returning: RemoteDomainCreateXmlRet.self).dom.domainRef
    }

    public func domainDestroy(_ domain: DomainRef) async throws(VirtError) {
        try await call(.domainDestroy, RemoteDomainDestroyArgs(dom: RemoteNonnullDomain(domain)))
    }

    public func domainDestroyFlags(_ domain: DomainRef, flags: DomainDestroyFlags) async throws(VirtError) {
        try await call(.domainDestroyFlags, RemoteDomainDestroyFlagsArgs(dom: RemoteNonnullDomain(domain), flags: flags.rawValue))
    }

    public func domainShutdown(_ domain: DomainRef, flags: DomainShutdownFlags) async throws(VirtError) {
        if flags.isEmpty {
            try await call(.domainShutdown, RemoteDomainShutdownArgs(dom: RemoteNonnullDomain(domain)))
        } else {
            try await call(.domainShutdownFlags, RemoteDomainShutdownFlagsArgs(dom: RemoteNonnullDomain(domain), flags: flags.rawValue))
        }
    }

    public func domainReboot(_ domain: DomainRef, flags: DomainShutdownFlags) async throws(VirtError) {
        try await call(.domainReboot, RemoteDomainRebootArgs(dom: RemoteNonnullDomain(domain), flags: flags.rawValue))
    }

    public func domainSuspend(_ domain: DomainRef) async throws(VirtError) {
        try await call(.domainSuspend, RemoteDomainSuspendArgs(dom: RemoteNonnullDomain(domain)))
    }

    public func domainResume(_ domain: DomainRef) async throws(VirtError) {
        try await call(.domainResume, RemoteDomainResumeArgs(dom: RemoteNonnullDomain(domain)))
    }

    public func domainSave(_ domain: DomainRef, to path: String) async throws(VirtError) {
        try await call(.domainSave, RemoteDomainSaveArgs(dom: RemoteNonnullDomain(domain), to: path))
    }

    public func domainSaveFlags(
        _ domain: DomainRef, to path: String, xml: String?, flags: DomainSaveRestoreFlags
    ) async throws(VirtError) {
        try await call(.domainSaveFlags,
                       RemoteDomainSaveFlagsArgs(dom: RemoteNonnullDomain(domain), to: path, dxml: xml, flags: flags.rawValue))
    }

    /// DOMAIN_RESTORE returns nothing, but the table returns the restored domain: it is the running domain
    /// that was not running before (the newest one, should another start meanwhile).
    public func domainRestore(from path: String) async throws(VirtError) -> DomainRef {
        let before = try await connectListAllDomains(flags: .active)
        try await call(.domainRestore, RemoteDomainRestoreArgs(from: path))
        return try await newlyActive(since: before)
    }

    public func domainRestoreFlags(from path: String, xml: String?, flags: DomainSaveRestoreFlags) async throws(VirtError) -> DomainRef {
        let before = try await connectListAllDomains(flags: .active)
        try await call(.domainRestoreFlags, RemoteDomainRestoreFlagsArgs(from: path, dxml: xml, flags: flags.rawValue))
        return try await newlyActive(since: before)
    }

    private func newlyActive(since before: [DomainRef]) async throws(VirtError) -> DomainRef {
        let known = Set(before.map(\.uuid))
        let after = try await connectListAllDomains(flags: .active)
        let started = after.filter { !known.contains($0.uuid) }.max { $0.id < $1.id }
        guard let restored = started ?? after.max(by: { $0.id < $1.id }) else {
            throw VirtError(.internalError, .remote, "the restored domain is not running on the server")
        }
        return restored
    }

    public func domainManagedSaveRemove(_ domain: DomainRef) async throws(VirtError) {
        try await call(.domainManagedSaveRemove, RemoteDomainManagedSaveRemoveArgs(dom: RemoteNonnullDomain(domain), flags: 0))
    }
}
