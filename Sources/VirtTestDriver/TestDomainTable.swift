import FoundationEssentials
import VirtDriver
import VirtXML

/// The test driver's domains, indexed by UUID, name and id so every lookup is O(1) even with many domains.
struct TestDomainTable: Sendable {
    private var byUUID: [UUID: TestDomain] = [:]
    private var uuidByName: [String: UUID] = [:]
    private var uuidByID: [Int32: UUID] = [:]
    private var idByUUID: [UUID: Int32] = [:]

    var all: Dictionary<UUID, TestDomain>.Values { byUUID.values }

    subscript(uuid: UUID) -> TestDomain? { byUUID[uuid] }

    func uuid(named name: String) -> UUID? { uuidByName[name] }
    func uuid(withID id: Int32) -> UUID? { uuidByID[id] }

    /// Inserts a new domain; the caller has checked that neither its name nor its UUID is taken.
    mutating func insert(_ domain: TestDomain) {
        let uuid = domain.def.uuid
        byUUID[uuid] = domain
        uuidByName[domain.def.name] = uuid
        if let id = domain.def.id { setID(id, for: uuid) }
    }

    mutating func remove(_ uuid: UUID) {
        guard let domain = byUUID.removeValue(forKey: uuid) else { return }
        uuidByName.removeValue(forKey: domain.def.name)
        if let id = domain.def.id { clearID(id, for: uuid) }
    }

    /// Changes a domain in place, keeping the id index right when the change starts or stops it.
    mutating func update<R>(_ uuid: UUID, _ body: (inout TestDomain) throws(VirtError) -> R) throws(VirtError) -> R {
        guard var domain = byUUID[uuid] else {
            throw VirtError(.noDomain, .test, "no domain with matching uuid '\(uuid.libvirtString)'")
        }
        let oldID = domain.def.id
        let result = try body(&domain)
        if oldID != domain.def.id {
            if let oldID { clearID(oldID, for: uuid) }
            if let newID = domain.def.id { setID(newID, for: uuid) }
        }
        byUUID[uuid] = domain
        return result
    }

    var count: Int { byUUID.count }
    var activeCount: Int { uuidByID.count }

    /// The ids of the running domains.
    var activeIDs: Dictionary<Int32, UUID>.Keys { uuidByID.keys }

    /// Calls `body` with every domain's name, UUID and id (-1 when inactive) without copying the domains:
    /// listing 10,000 domains stays cheap.
    func forEachRef(_ body: (_ name: String, _ uuid: UUID, _ id: Int32) -> Void) {
        for (name, uuid) in uuidByName { body(name, uuid, idByUUID[uuid] ?? -1) }
    }

    private mutating func setID(_ id: Int32, for uuid: UUID) {
        uuidByID[id] = uuid
        idByUUID[uuid] = id
    }

    private mutating func clearID(_ id: Int32, for uuid: UUID) {
        uuidByID.removeValue(forKey: id)
        idByUUID.removeValue(forKey: uuid)
    }
}
