import Virt

extension Commands {
    /// `dommemstat <domain>`: the guest's memory statistics, one "name value" line each, as virsh 9.0 prints
    /// them. (virsh's `--period`, which sets the balloon's collection period, is not implemented.)
    static let dommemstat = CommandDefinition(
        name: "dommemstat",
        summary: "get memory statistics for a domain",
        description: "Get memory statistics for a running domain.",
        options: [.domain()]
    ) { context throws(CommandFailure) in
        let (domain, given) = try await context.domain()
        let stats = try await context.require("Failed to get memory statistics for domain \(given)") {
            () async throws(VirtError) in try await domain.memoryStats()
        }
        for stat in stats {
            guard let name = stat.tag.name else { continue }
            context.print("\(name) \(stat.value)\n")
        }
    }
}
