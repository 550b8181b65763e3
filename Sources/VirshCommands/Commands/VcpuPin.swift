import Virt

extension Commands {
    /// `vcpupin <domain> [<vcpu>] [<cpulist>]`: shows the vCPUs' host CPU affinity as a table, or with a
    /// CPU list pins one vCPU ("r" means every host CPU).
    static let vcpupin = CommandDefinition(
        name: "vcpupin",
        summary: "control or query domain vcpu affinity",
        description: "Pin domain VCPUs to host physical CPUs.",
        options: [
            .domain(),
            .int("vcpu", "vcpu number"),
            .string("cpulist", allowsEmpty: true, "host cpu number(s) to set, or omit option to query"),
            .affectConfig, .affectLive, .affectCurrent,
        ]
    ) { context throws(CommandFailure) in
        let current = context.flag("current")
        let flags = try context.modificationFlags()
        let cpuList = try context.string("cpulist")
        if cpuList == nil {
            try context.exclusive("live", context.flag("live"), "config", context.flag("config"))
        }
        let vcpu = try context.uint32("vcpu")
        if cpuList != nil && vcpu == nil {
            throw context.failure("vcpupin: Missing vCPU number in pin mode.")
        }
        let hostCPUs = try await context.hostCPUCount()
        let (domain, _) = try await context.domain()
        guard let cpuList, let vcpu else {
            try await showPinning(domain, vcpu: vcpu, hostCPUs: hostCPUs, flags: flags, context)
            return
        }
        let map = try pinMap(cpuList, hostCPUs: hostCPUs, context)
        try await context.require { () async throws(VirtError) in
            if flags == .current && !current {
                try await domain.pinVcpu(vcpu, to: map)
            } else {
                try await domain.pinVcpu(vcpu, to: map, flags: flags)
            }
        }
    }

    /// The table of vCPU affinities, or one vCPU's row (`virshVcpuPinQuery`).
    private static func showPinning(
        _ domain: Domain, vcpu: UInt32?, hostCPUs: Int, flags: DomainModificationFlags, _ context: CommandContext
    ) async throws(CommandFailure) {
        let count = try await VcpuCount.maximum(domain, flags: flags, context)
        if let vcpu, vcpu >= count {
            var live = flags.contains(.live)
            if !live && !flags.contains(.config) {
                live = await context.attempt(domain.isActive) == true
            }
            throw context.failure(
                "vcpu \(Int32(bitPattern: vcpu)) is out of range of \(live ? "live" : "persistent") cpu count \(count)")
        }
        // As in virsh, a failure to read the pinning prints nothing and is not an error.
        guard let maps = await context.attempt({ () async throws(VirtError) in
            try await domain.vcpuPinInfo(flags: flags)
        }) else { return }
        let mapLength = CPUMap.byteCount(forCPUs: hostCPUs)
        var table = TextTable(header: ["VCPU", "CPU Affinity"])
        for (index, map) in maps.prefix(max(0, count)).enumerated() where vcpu == nil || index == Int(vcpu ?? 0) {
            table.append(["\(index)", map.resized(to: mapLength).cpuList])
        }
        context.print(table.render(header: !context.session.console.quiet))
    }

    /// The CPUs a pin request names, checked against the host (`virshParseCPUList`).
    private static func pinMap(_ text: String, hostCPUs: Int, _ context: CommandContext) throws(CommandFailure) -> CPUMap {
        if text.hasPrefix("r") { return .all(cpuCount: hostCPUs) }
        let map: CPUMap
        do {
            map = try CPUMap(cpuList: text, limit: 1024)
        } catch {
            context.record(error)
            throw context.failure("Invalid cpulist '\(text)'")
        }
        if map.isEmpty { throw context.failure("Invalid cpulist '\(text)'") }
        if let last = map.usableCPUs.last, last >= hostCPUs {
            throw context.failure("CPU \(last) in cpulist '\(text)' exceed the maxcpu \(hostCPUs)")
        }
        return map
    }
}

/// How many vCPUs a query covers (`virshCPUCountCollect` with the state check): the maximum of the chosen
/// definition, refusing a live query of an inactive domain or a config query of a transient one.
enum VcpuCount {
    static func maximum(
        _ domain: Domain, flags: DomainModificationFlags, _ context: CommandContext
    ) async throws(CommandFailure) -> Int {
        var missing = false
        if flags.contains(.live) {
            missing = await context.attempt(domain.isActive) != true
        }
        if !missing && flags.contains(.config) {
            missing = await context.attempt(domain.isPersistent) != true
        }
        if missing {
            throw context.failure(flags.contains(.live)
                ? "cannot get vcpupin for offline domain" : "cannot get vcpupin for transient domain")
        }
        return try await context.require { () async throws(VirtError) in
            try await domain.vcpuCount(flags: flags.union(.maximum))
        }
    }
}
