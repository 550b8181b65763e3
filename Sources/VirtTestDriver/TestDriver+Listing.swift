import FoundationEssentials
import VirtDriver

extension TestDriver {
    func connectNumOfDomains() async throws(VirtError) -> Int {
        withHostValue { host in host.domains.activeCount }
    }

    func connectListDomains() async throws(VirtError) -> [Int32] {
        withHostValue { host in host.domains.activeIDs.sorted() }
    }

    func connectNumOfDefinedDomains() async throws(VirtError) -> Int {
        withHostValue { host in host.domains.count - host.domains.activeCount }
    }

    /// Names in no particular order, as libvirt returns them (virsh sorts for display).
    func connectListDefinedDomains() async throws(VirtError) -> [String] {
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

    func domainLookupByID(_ id: Int32) async throws(VirtError) -> DomainRef {
        try withHost { (host: inout TestHost) throws(VirtError) in
            guard let uuid = host.domains.uuid(withID: id), let domain = host.domains[uuid] else {
                throw VirtError(.noDomain, .test)
            }
            return domain.ref
        }
    }

    func domainLookupByName(_ name: String) async throws(VirtError) -> DomainRef {
        try withHost { (host: inout TestHost) throws(VirtError) in
            guard let uuid = host.domains.uuid(named: name), let domain = host.domains[uuid] else {
                throw VirtError(.noDomain, .test)
            }
            return domain.ref
        }
    }

    func domainLookupByUUID(_ uuid: UUID) async throws(VirtError) -> DomainRef {
        try withHost { (host: inout TestHost) throws(VirtError) in
            guard let domain = host.domains[uuid] else { throw VirtError(.noDomain, .test) }
            return domain.ref
        }
    }
}
