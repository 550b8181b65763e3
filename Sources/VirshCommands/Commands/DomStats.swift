import Virt

extension Commands {
    /// `domstats [--<group>]... [--list-<filter>]... [--raw] [--enforce] [--backing] [--nowait] [<domain>]...`:
    /// the bulk statistics of the named domains, or of every domain the filters admit, as "field=value"
    /// lines under a "Domain: 'name'" heading.
    static let domstats = CommandDefinition(
        name: "domstats",
        summary: "get statistics about one or multiple domains",
        description: "Gets statistics about one or more (or all) domains",
        options: DomainStatsOptions.groups.map { .bool($0.option, $0.help) }
            + DomainStatsOptions.filters.map { .bool($0.option, $0.help) }
            + [
                .bool("raw", "do not pretty-print the fields"),
                .bool("enforce", "enforce requested stats parameters"),
                .bool("backing", "add backing chain information to block stats"),
                .bool("nowait", "report only stats that are accessible instantly"),
                .argv("domain", "list of domains to get stats for"),
            ]
    ) { context throws(CommandFailure) in
        var stats: DomainStatsTypes = []
        for group in DomainStatsOptions.groups where context.flag(group.option) { stats.insert(group.type) }
        var flags: DomainStatsFlags = []
        for filter in DomainStatsOptions.filters where context.flag(filter.option) { flags.insert(filter.flag) }
        if context.flag("enforce") { flags.insert(.enforceStats) }
        if context.flag("backing") { flags.insert(.backing) }
        if context.flag("nowait") { flags.insert(.noWait) }
        let connection = try context.connection
        let names = context.command.values("domain")
        let records: [DomainStats]
        if names.isEmpty {
            records = try await context.require { () async throws(VirtError) in
                try await connection.allDomainStats(stats, flags: flags)
            }
        } else {
            var domains: [Domain] = []
            for name in names { domains.append(try await context.lookupDomain(name)) }
            records = try await context.require { () async throws(VirtError) in
                try await connection.domainStats(domains, stats, flags: flags)
            }
        }
        let raw = context.flag("raw")
        for (index, record) in records.enumerated() {
            if index > 0 { context.print("\n") }
            context.print("Domain: '\(record.domain.name)'\n")
            for parameter in record.parameters {
                context.print("  \(parameter.field)=\(TypedParameterText.text(parameter.value, raw: raw))\n")
            }
        }
    }
}

/// domstats' options.
enum DomainStatsOptions {
    static let groups: [(option: String, type: DomainStatsTypes, help: String)] = [
        ("state", .state, "report domain state"),
        ("cpu-total", .cpuTotal, "report domain physical cpu usage"),
        ("balloon", .balloon, "report domain balloon statistics"),
        ("vcpu", .vcpu, "report domain virtual cpu information"),
        ("interface", .interface, "report domain network interface information"),
        ("block", .block, "report domain block device statistics"),
        ("perf", .perf, "report domain perf event statistics"),
        ("iothread", .iothread, "report domain IOThread information"),
        ("memory", .memory, "report domain memory usage"),
        ("dirtyrate", .dirtyRate, "report domain dirty rate information"),
        ("vm", .vm, "report hypervisor-specific statistics"),
    ]

    static let filters: [(option: String, flag: DomainStatsFlags, help: String)] = [
        ("list-active", .active, "list only active domains"),
        ("list-inactive", .inactive, "list only inactive domains"),
        ("list-persistent", .persistent, "list only persistent domains"),
        ("list-transient", .transient, "list only transient domains"),
        ("list-running", .running, "list only running domains"),
        ("list-paused", .paused, "list only paused domains"),
        ("list-shutoff", .shutoff, "list only shutoff domains"),
        ("list-other", .other, "list only domains in other states"),
    ]
}
