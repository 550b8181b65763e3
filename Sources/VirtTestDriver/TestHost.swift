import FoundationEssentials
import VirtDriver
import VirtXML

/// Everything one test "hypervisor" holds: the node and its domains. test:///default shares one per process;
/// every test:///PATH connection has its own, loaded from the file.
struct TestHost: Sendable {
    var node: NodeInfo
    /// The next id a starting domain gets (libvirt's nextDomID: ids are never reused).
    var nextID: Int32 = 1
    var domains = TestDomainTable()
    /// Events recorded by the change in progress; `TestDriver.withHost` publishes them.
    var pendingEvents: [DomainEvent] = []

    init(node: NodeInfo) {
        self.node = node
    }

    /// libvirt 9.0's test node: 16 CPUs in 2 NUMA cells of 2 sockets, 2 cores, 2 threads; 3 GiB.
    static let defaultNode = NodeInfo(
        model: "i686", memoryKiB: 3 * 1024 * 1024, cpus: 16, mhz: 1400,
        nodes: 2, sockets: 2, cores: 2, threads: 2)

    /// The most vCPUs a test guest may have (testConnectGetMaxVcpus).
    static let maxVcpus: UInt32 = 32

    /// Records a lifecycle event of the domain as it now is; for a domain that is gone, as `last` was (libvirt
    /// reports a stopped transient domain with the id it had, a stopped persistent one with id -1).
    mutating func emit(_ last: DomainRef, _ event: DomainLifecycleEvent) {
        pendingEvents.append(DomainEvent(domains[last.uuid]?.ref ?? last, .lifecycle(event)))
    }

    /// Takes the next domain id.
    mutating func allocateID() -> Int32 {
        defer { nextID += 1 }
        return nextID
    }

    /// The domain a handle names, found by UUID, or libvirt's "no domain with matching uuid" error.
    func domain(_ ref: DomainRef) throws(VirtError) -> TestDomain {
        guard let domain = domains[ref.uuid] else { throw Self.noDomain(ref) }
        return domain
    }

    /// Changes the domain a handle names.
    mutating func update<R>(_ ref: DomainRef, _ body: (inout TestDomain) throws(VirtError) -> R) throws(VirtError) -> R {
        guard domains[ref.uuid] != nil else { throw Self.noDomain(ref) }
        return try domains.update(ref.uuid, body)
    }

    static func noDomain(_ ref: DomainRef) -> VirtError {
        VirtError(.noDomain, .test, "no domain with matching uuid '\(ref.uuid.libvirtString)' (\(ref.name))")
    }

    /// Adds a definition the way libvirt's domain list does: a UUID already known must carry the same name
    /// (and, with `checkLive`, belong to an inactive persistent domain); a name already known must carry the
    /// same UUID. `live` makes `def` the running definition, keeping the persistent one aside.
    /// Returns the UUID and whether an older definition was replaced.
    @discardableResult
    mutating func add(_ def: DomainDefinition, live: Bool, checkLive: Bool) throws(VirtError) -> Bool {
        if let existing = domains[def.uuid] {
            if existing.def.name != def.name {
                throw VirtError(.operationFailed, .domain,
                                "domain '\(existing.def.name)' is already defined with uuid \(def.uuid.libvirtString)")
            }
            if checkLive {
                if existing.isActive {
                    throw VirtError(.operationInvalid, .domain, "domain '\(def.name)' is already active")
                }
                if !existing.persistent {
                    throw VirtError(.operationInvalid, .domain, "domain '\(def.name)' is already being started")
                }
            }
            try domains.update(def.uuid) { (domain: inout TestDomain) throws(VirtError) in
                if domain.isActive {
                    domain.persistentDef = def
                } else if live {
                    if domain.persistentDef == nil { domain.persistentDef = domain.def }
                    domain.def = def
                } else {
                    domain.def = def
                }
            }
            return true
        }
        if let other = domains.uuid(named: def.name) {
            throw VirtError(.operationFailed, .domain,
                            "domain '\(def.name)' already exists with uuid \(other.libvirtString)")
        }
        domains.insert(TestDomain(def: def, persistentDef: nil, persistent: false, state: .shutoff(.unknown)))
        return false
    }
}
