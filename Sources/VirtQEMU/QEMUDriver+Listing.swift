import FoundationEssentials
import VirtDriver

extension QEMUDriver {
    func connectListDomains() async throws(VirtError) -> [Int32] {
        var ids: [Int32] = []
        for name in store.runningNames() {
            if let record = try await record(named: name), let status = record.running?.status { ids.append(status.id) }
        }
        return ids.sorted()
    }

    func connectListAllDomains(flags: DomainListFlags) async throws(VirtError) -> [DomainRef] {
        try flags.checkKnown(function: "qemuConnectListAllDomains", domain: .qemu)
        var refs: [DomainRef] = []
        for record in try await allRecords() where matches(record, flags) {
            refs.append(record.ref)
        }
        return refs
    }

    func matches(_ record: QEMUDomainRecord, _ flags: DomainListFlags) -> Bool {
        flags.admits(DomainListFacts(
            isActive: record.isActive, isPersistent: record.isPersistent, state: record.running?.status.domainState.state ?? .shutoff))
    }

    func domainLookupByID(_ id: Int32) async throws(VirtError) -> DomainRef {
        for name in store.runningNames() {
            if let record = try await record(named: name), record.running?.status.id == id { return record.ref }
        }
        throw VirtError(.noDomain, .qemu, "no domain with matching id \(id)")
    }
}
