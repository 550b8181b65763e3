import Virt

extension Commands {
    /// `setvcpus <domain> <count>`: how many vCPUs the domain uses, or with `--maximum` may use.
    static let setvcpus = CommandDefinition(
        name: "setvcpus",
        summary: "change number of virtual CPUs",
        description: "Change the number of virtual CPUs in the guest domain.",
        options: [
            .domain(),
            .int("count", required: true, "number of virtual CPUs"),
            .bool("maximum", "set maximum limit on next boot"),
            .affectConfig, .affectLive, .affectCurrent,
            .bool("guest", "modify cpu state in the guest"),
            .bool("hotpluggable", "make added vcpus hot(un)pluggable"),
        ]
    ) { context throws(CommandFailure) in
        let current = context.flag("current")
        var flags = try context.modificationFlags()
        let guest = context.flag("guest"), maximum = context.flag("maximum")
        try context.exclusive("guest", guest, "config", context.flag("config"))
        try context.requires("maximum", maximum, "config", context.flag("config"))
        if guest { flags.insert(.guest) }
        if maximum { flags.insert(.maximum) }
        if context.flag("hotpluggable") { flags.insert(.hotpluggable) }

        let (domain, _) = try await context.domain()
        guard let count = try context.uint32("count") else { throw CommandFailure() }
        if count == 0 { throw context.failure("Can't set 0 processors for a VM") }
        let chosen = flags
        try await context.require { () async throws(VirtError) in
            if !current && chosen.isEmpty {
                try await domain.setVcpus(count)
            } else {
                try await domain.setVcpus(count, flags: chosen)
            }
        }
    }
}
