import Virt

extension Commands {
    /// `dommemstat <domain> [--period N] [--config|--live|--current]`: the guest's memory statistics, one
    /// "name value" line each, as virsh 9.0 prints them; with `--period`, sets how often the balloon collects
    /// them instead (and prints nothing).
    static let dommemstat = CommandDefinition(
        name: "dommemstat",
        summary: "get memory statistics for a domain",
        description: "Get memory statistics for a running domain.",
        options: [
            .domain(),
            OptionDefinition("period", .int, namedOnly: true, help: "period in seconds to set collection"),
            .affectConfig, .affectLive, .affectCurrent,
        ]
    ) { context throws(CommandFailure) in
        let flags = try context.modificationFlags()
        let (domain, given) = try await context.domain()
        if let period = try context.int32("period") {
            guard period >= 0 else { throw context.failure("Invalid collection period value '\(period)'") }
            try await context.require("Unable to change balloon collection period.") { () async throws(VirtError) in
                try await domain.setMemoryStatsPeriod(period, flags: flags)
            }
            return
        }
        let stats = try await context.require("Failed to get memory statistics for domain \(given)") {
            () async throws(VirtError) in try await domain.memoryStats()
        }
        for stat in stats {
            guard let name = stat.tag.name else { continue }
            context.print("\(name) \(stat.value)\n")
        }
    }
}
