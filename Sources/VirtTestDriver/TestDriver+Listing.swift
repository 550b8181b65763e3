import FoundationEssentials
import VirtDriver

extension TestDriver {
    func connectNumOfDomains() throws(VirtError) -> Int {
        withHostValue { host in host.domains.activeCount }
    }

    func connectListDomains() throws(VirtError) -> [Int32] {
        withHostValue { host in host.domains.activeIDs.sorted() }
    }

    func connectNumOfDefinedDomains() async throws(VirtError) -> Int {
        withHostValue { host in host.domains.count - host.domains.activeCount }
    }

    /// Names in no particular order, as libvirt returns them (virsh sorts for display).
    func connectListDefinedDomains() throws(VirtError) -> [String] {
        withHostValue { host in
            var names: [String] = []
            names.reserveCapacity(host.domains.count - host.domains.activeCount)
            host.domains.forEachRef { name, _, id in if id < 0 { names.append(name) } }
            return names
        }
    }

    /// Domains in no particular order, as libvirt returns them.
    func connectListAllDomains(flags: DomainListFlags) async throws(VirtError) -> [DomainRef] {
        try flags.checkKnown(function: "testConnectListAllDomains", domain: .test)
        return withHostValue { host in
            var refs: [DomainRef] = []
            refs.reserveCapacity(host.domains.count)
            if flags.isEmpty {
                host.domains.forEachRef { name, uuid, id in refs.append(DomainRef(name: name, uuid: uuid, id: id)) }
            } else {
                for domain in host.domains.all where Self.matches(domain, flags) { refs.append(domain.ref) }
            }
            return refs
        }
    }

    static func matches(_ domain: TestDomain, _ flags: DomainListFlags) -> Bool {
        flags.admits(DomainListFacts(
            isActive: domain.isActive, isPersistent: domain.persistent, state: domain.state.state,
            hasManagedSave: domain.hasManagedSave, autostart: domain.autostart))
    }

    // A miss is an ordinary answer (tools probe whether a domain exists), so it costs little: the lookups
    // read under the lock and throw after it (an error thrown through the lock's closures is copied at
    // every level), and throw an error built once.

    /// libvirt's test driver reports a failed lookup with the bare wording, no detail.
    private static let notFound = VirtError(.noDomain, .test)

    func domainLookupByID(_ id: Int32) throws(VirtError) -> DomainRef {
        let ref = withHostValue { host in host.domains.uuid(withID: id).flatMap { host.domains[$0]?.ref } }
        guard let ref else { throw Self.notFound }
        return ref
    }

    func domainLookupByName(_ name: String) throws(VirtError) -> DomainRef {
        let ref = withHostValue { host in host.domains.uuid(named: name).flatMap { host.domains[$0]?.ref } }
        guard let ref else { throw Self.notFound }
        return ref
    }

    func domainLookupByUUID(_ uuid: UUID) throws(VirtError) -> DomainRef {
        guard let ref = withHostValue({ host in host.domains[uuid]?.ref }) else { throw Self.notFound }
        return ref
    }
}
