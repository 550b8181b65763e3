import Virt

/// Finding the domain a command names (`virshCommandOptDomainBy`).
extension CommandContext {
    /// How a `<domain>` argument may be read.
    struct LookupMethods: OptionSet {
        let rawValue: Int
        static let id = LookupMethods(rawValue: 1)
        static let uuid = LookupMethods(rawValue: 2)
        static let name = LookupMethods(rawValue: 4)
        static let all: LookupMethods = [.id, .uuid, .name]
    }

    /// The domain named by the `domain` option, tried as an id (a non-negative number), then as a UUID
    /// (36 characters), then as a name. Returns it with the text as given, which virsh's messages quote.
    func domain(
        by methods: LookupMethods = .all, option: String = "domain"
    ) async throws(CommandFailure) -> (domain: Domain, given: String) {
        guard let given = try string(option) else { throw CommandFailure() }
        return (try await lookupDomain(given, by: methods), given)
    }

    /// The domain `given` names, tried as an id, a UUID and a name in that order (`virshLookupDomainBy`).
    func lookupDomain(_ given: String, by methods: LookupMethods = .all) async throws(CommandFailure) -> Domain {
        let connection = try connection
        var found: Domain?
        if methods.contains(.id), let id = CNumber.int32(given), id >= 0 {
            found = await attempt { () async throws(VirtError) in try await connection.lookupDomain(id: id) }
        }
        if found == nil, methods.contains(.uuid), given.utf8.count == 36 {
            found = await attempt { () async throws(VirtError) in try await connection.lookupDomain(uuidString: given) }
        }
        if found == nil, methods.contains(.name) {
            found = await attempt { () async throws(VirtError) in try await connection.lookupDomain(name: given) }
        }
        resetError()
        guard let found else { throw failure("failed to get domain '\(given)'") }
        return found
    }

    /// The domain's state (`virshDomainState`): `virDomainGetState`, or `virDomainGetInfo` once the driver
    /// has shown it lacks the former.
    func state(of domain: Domain) async throws(CommandFailure) -> DomainStateInfo {
        if !session.stateFromInfo {
            do {
                return try await domain.state()
            } catch {
                record(error)
                guard error.code == .noSupport else { throw CommandFailure() }
                session.stateFromInfo = true
            }
        }
        let info = try await require { () async throws(VirtError) in try await domain.info() }
        return DomainStateInfo(state: info.state, reasonCode: -1)
    }

    /// How many CPUs the host has (`virshNodeGetCPUCount`): from the CPU map, else from the node info.
    func hostCPUCount() async throws(CommandFailure) -> Int {
        let connection = try connection
        if let map = await attempt({ () async throws(VirtError) in try await connection.nodeCPUMap() }) {
            return map.cpuCount
        }
        resetError()
        let info = try await require { () async throws(VirtError) in try await connection.nodeInfo() }
        return info.maxCPUs
    }
}
