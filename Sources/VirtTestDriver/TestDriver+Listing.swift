import FoundationEssentials
import VirtDriver

extension TestDriver {
    func connectNumOfDomains() async throws(VirtError) -> Int {
        withHostValue { host in host.domains.all.reduce(0) { $0 + ($1.isActive ? 1 : 0) } }
    }

    func connectListDomains() async throws(VirtError) -> [Int32] {
        withHostValue { host in host.domains.all.compactMap(\.def.id).sorted() }
    }

    func connectNumOfDefinedDomains() async throws(VirtError) -> Int {
        withHostValue { host in host.domains.all.reduce(0) { $0 + ($1.isActive ? 0 : 1) } }
    }

    func connectListDefinedDomains() async throws(VirtError) -> [String] {
        withHostValue { host in host.domains.all.filter { !$0.isActive }.map(\.def.name).sorted() }
    }

    func connectListAllDomains(flags: DomainListFlags) async throws(VirtError) -> [DomainRef] {
        withHostValue { host in
            host.domains.all.filter { Self.matches($0, flags) }.map(\.ref)
                .sorted { ($0.id, $0.name) < ($1.id, $1.name) }
        }
    }

    /// libvirt's list filters: within each group (active/inactive, persistent/transient, state, managed save,
    /// autostart, snapshots, checkpoints) a domain must match one of the bits given; groups not given match all.
    static func matches(_ domain: TestDomain, _ flags: DomainListFlags) -> Bool {
        func group(_ bits: [(DomainListFlags, Bool)]) -> Bool {
            let asked = bits.filter { flags.contains($0.0) }
            return asked.isEmpty || asked.contains { $0.1 }
        }
        let state = domain.state.state
        return group([(.active, domain.isActive), (.inactive, !domain.isActive)])
            && group([(.persistent, domain.persistent), (.transient, !domain.persistent)])
            && group([(.running, state == .running), (.paused, state == .paused), (.shutoff, state == .shutoff),
                      (.other, state != .running && state != .paused && state != .shutoff)])
            && group([(.managedSave, domain.hasManagedSave), (.noManagedSave, !domain.hasManagedSave)])
            && group([(.autostart, domain.autostart), (.noAutostart, !domain.autostart)])
            && group([(.hasSnapshot, false), (.noSnapshot, true)])
            && group([(.hasCheckpoint, false), (.noCheckpoint, true)])
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
