import FoundationEssentials
import VirtDriver

extension XenDriver {
    /// Domain-0 (id 0) and the running domains SwiftVirt started, by id.
    func connectListDomains() async throws(VirtError) -> [Int32] {
        var ids: [Int32] = [0]
        for name in store.runningNames() {
            if let record = try await record(named: name), record.isActive { ids.append(record.ref.id) }
        }
        return ids.sorted()
    }

    func connectListAllDomains(flags: DomainListFlags) async throws(VirtError) -> [DomainRef] {
        try flags.checkKnown(function: "libxlConnectListAllDomains", domain: .libxl)
        return try await allRecords().filter { matches($0, flags) }.map(\.ref)
    }

    private func matches(_ record: XenDomainRecord, _ flags: DomainListFlags) -> Bool {
        flags.admits(DomainListFacts(isActive: record.isActive, isPersistent: record.isPersistent, state: record.stateInfo.state))
    }

    func domainLookupByID(_ id: Int32) async throws(VirtError) -> DomainRef {
        if id == 0 { return try await domain0().ref }
        for name in store.runningNames() {
            if let record = try await record(named: name), record.isActive, record.ref.id == id { return record.ref }
        }
        throw VirtError(.noDomain, .libxl, "no domain with matching id \(id)")
    }
}
