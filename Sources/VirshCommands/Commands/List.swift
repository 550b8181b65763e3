import Virt

extension Commands {
    /// `list`: the domains as a table (running ones by default), or just their names, UUIDs or ids.
    static let list = CommandDefinition(
        name: "list",
        summary: "list domains",
        description: "Returns list of domains.",
        options: [
            .bool("inactive", "list inactive domains"),
            .bool("all", "list inactive & active domains"),
            .bool("transient", "list transient domains"),
            .bool("persistent", "list persistent domains"),
            .bool("with-snapshot", "list domains with existing snapshot"),
            .bool("without-snapshot", "list domains without a snapshot"),
            .bool("with-checkpoint", "list domains with existing checkpoint"),
            .bool("without-checkpoint", "list domains without a checkpoint"),
            .bool("state-running", "list domains in running state"),
            .bool("state-paused", "list domains in paused state"),
            .bool("state-shutoff", "list domains in shutoff state"),
            .bool("state-other", "list domains in other states"),
            .bool("autostart", "list domains with autostart enabled"),
            .bool("no-autostart", "list domains with autostart disabled"),
            .bool("with-managed-save", "list domains with managed save state"),
            .bool("without-managed-save", "list domains without managed save"),
            .bool("uuid", "list uuid's only"),
            .bool("name", "list domain names only"),
            .bool("id", "list domain IDs only"),
            .bool("table", "list table (default)"),
            .bool("managed-save", "mark inactive domains with managed save state"),
            .bool("title", "show domain title"),
        ]
    ) { context throws(CommandFailure) in
        let filter = listFilter(context)
        try context.exclusive("table", "name")
        try context.exclusive("table", "uuid")
        try context.exclusive("table", "id")
        let byUUID = context.flag("uuid"), byName = context.flag("name"), byID = context.flag("id")
        let connection = try context.connection
        guard let found = await context.attempt({ () async throws(VirtError) in try await connection.domains(filter) })
        else {
            throw context.failure("Failed to list domains")
        }
        let domains = found.sorted(by: listOrder)

        if !byUUID && !byName && !byID {
            try await printTable(domains, context)
            return
        }
        for domain in domains {
            var fields: [String] = []
            if byUUID { fields.append(domain.uuidString) }
            if byID {
                // With --id alone, only running domains are listed.
                if domain.id == -1 && !byUUID && !byName { continue }
                fields.append(domain.id == -1 ? "-" : "\(domain.id)")
            }
            if byName { fields.append(domain.name) }
            context.print(fields.joined(separator: " ") + "\n")
        }
    }

    /// The `virConnectListAllDomains` filter the options ask for: running domains unless told otherwise.
    private static func listFilter(_ context: CommandContext) -> DomainListFlags {
        var filter: DomainListFlags = .active
        if context.flag("inactive") || context.flag("state-shutoff") { filter = .inactive }
        if context.flag("all") { filter = [.active, .inactive] }
        let extra: [(String, DomainListFlags)] = [
            ("persistent", .persistent), ("transient", .transient),
            ("with-managed-save", .managedSave), ("without-managed-save", .noManagedSave),
            ("autostart", .autostart), ("no-autostart", .noAutostart),
            ("with-snapshot", .hasSnapshot), ("without-snapshot", .noSnapshot),
            ("with-checkpoint", .hasCheckpoint), ("without-checkpoint", .noCheckpoint),
            ("state-running", .running), ("state-paused", .paused),
            ("state-shutoff", .shutoff), ("state-other", .other),
        ]
        for (name, flag) in extra where context.flag(name) { filter.insert(flag) }
        return filter
    }

    /// Running domains first by id, then the others by name, ignoring case.
    private static func listOrder(_ a: Domain, _ b: Domain) -> Bool {
        switch (a.id == -1, b.id == -1) {
        case (false, false): return UInt32(bitPattern: a.id) < UInt32(bitPattern: b.id)
        case (true, true): return CaseInsensitive.compare(a.name, b.name) < 0
        case (false, true): return true
        case (true, false): return false
        }
    }

    private static func printTable(_ domains: [Domain], _ context: CommandContext) async throws(CommandFailure) {
        let withTitle = context.flag("title")
        let markSaved = context.flag("managed-save")
        var table = TextTable(header: withTitle ? ["Id", "Name", "State", "Title"] : ["Id", "Name", "State"])
        for domain in domains {
            // A domain removed meanwhile has no state: leave it out.
            guard let state = try? await context.state(of: domain) else { continue }
            var stateText = StateText.state(state.state)
            if markSaved && state.state == .shutoff,
               await context.attempt({ () async throws(VirtError) in try await domain.hasManagedSaveImage() }) == true {
                stateText = "saved"
            }
            var row = [domain.id == -1 ? "-" : "\(domain.id)", domain.name, stateText]
            if withTitle { row.append(try await DomainXMLText.title(of: domain, context)) }
            table.append(row)
        }
        context.print(table.render(header: !context.session.console.quiet))
    }
}
