import FoundationEssentials
import VirtDriver

extension QEMUDriver {
    func connectNumOfDomains() async throws(VirtError) -> Int {
        try await connectListDomains().count
    }

    func connectListDomains() async throws(VirtError) -> [Int32] {
        var ids: [Int32] = []
        for name in store.runningNames() {
            if let record = try await record(named: name), let status = record.running?.status { ids.append(status.id) }
        }
        return ids.sorted()
    }

    func connectNumOfDefinedDomains() async throws(VirtError) -> Int {
        try await connectListDefinedDomains().count
    }

    func connectListDefinedDomains() async throws(VirtError) -> [String] {
        var names: [String] = []
        for name in store.persistentNames() {
            if let record = try await record(named: name), !record.isActive { names.append(name) }
        }
        return names.sorted()
    }

    func connectListAllDomains(flags: DomainListFlags) async throws(VirtError) -> [DomainRef] {
        var refs: [DomainRef] = []
        for record in try await allRecords() where matches(record, flags) {
            refs.append(record.ref)
        }
        return refs
    }

    private func matches(_ record: QEMUDomainRecord, _ flags: DomainListFlags) -> Bool {
        flags.admits(DomainListFacts(
            isActive: record.isActive, isPersistent: record.isPersistent, state: record.running?.status.domainState.state ?? .shutoff))
    }

    func domainLookupByID(_ id: Int32) async throws(VirtError) -> DomainRef {
        for name in store.runningNames() {
            if let record = try await record(named: name), record.running?.status.id == id { return record.ref }
        }
        throw VirtError(.noDomain, .qemu, "no domain with matching id \(id)")
    }

    func domainLookupByName(_ name: String) async throws(VirtError) -> DomainRef {
        guard Self.isSafeName(name), let record = try await record(named: name) else {
            throw VirtError(.noDomain, .qemu, "no domain with matching name '\(name)'")
        }
        return record.ref
    }

    func domainLookupByUUID(_ uuid: UUID) async throws(VirtError) -> DomainRef {
        for record in try await allRecords() where record.uuid == uuid { return record.ref }
        throw VirtError(.noDomain, .qemu, "no domain with matching uuid '\(uuid.libvirtString)'")
    }

    /// Names become file names: no path separators, no leading dot, nothing empty.
    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.hasPrefix(".") && !name.contains("\0")
    }
}
