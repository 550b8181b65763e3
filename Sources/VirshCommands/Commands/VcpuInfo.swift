import Virt

extension Commands {
    /// `vcpuinfo <domain> [--pretty]`: each vCPU's host CPU, state, CPU time and affinity. For a shut-off
    /// domain, the vCPUs of its definition with their pinning.
    static let vcpuinfo = CommandDefinition(
        name: "vcpuinfo",
        summary: "detailed domain vcpu information",
        description: "Returns basic information about the domain virtual CPUs.",
        options: [
            .domain(),
            .bool("pretty", "return human readable output"),
        ]
    ) { context throws(CommandFailure) in
        let pretty = context.flag("pretty")
        let (domain, _) = try await context.domain()
        let hostCPUs = try await context.hostCPUCount()
        let info = try await context.require { () async throws(VirtError) in try await domain.info() }
        let mapLength = CPUMap.byteCount(forCPUs: hostCPUs)

        guard let vcpus = await context.attempt({ () async throws(VirtError) in try await domain.vcpus() }) else {
            guard info.state == .shutoff else { throw CommandFailure() }
            context.resetError()
            try await printInactive(domain, hostCPUs: hostCPUs, pretty: pretty, context)
            return
        }
        let shown = vcpus.prefix(Int(info.virtualCPUs))
        for (index, vcpu) in shown.enumerated() {
            context.print(TextFormat.field("VCPU:", "\(vcpu.number)"))
            context.print(TextFormat.field("CPU:", "\(vcpu.cpu)"))
            context.print(TextFormat.field("State:", StateText.vcpu(vcpu.state)))
            if vcpu.cpuTimeNanoseconds != 0 {
                context.print(TextFormat.field("CPU time:", TextFormat.cpuSeconds(nanoseconds: vcpu.cpuTimeNanoseconds)))
            }
            context.print(affinityLine(vcpu.affinity, hostCPUs: hostCPUs, mapLength: mapLength, pretty: pretty))
            if index < shown.count - 1 { context.print("\n") }
        }
    }

    /// "CPU Affinity:   yy--" or, pretty, "CPU Affinity:   0-1 (out of 4)".
    private static func affinityLine(_ map: CPUMap, hostCPUs: Int, mapLength: Int, pretty: Bool) -> String {
        let value = pretty
            ? "\(map.resized(to: mapLength).cpuList) (out of \(hostCPUs))"
            : map.affinityString(cpuCount: hostCPUs)
        return TextFormat.field("CPU Affinity:", value)
    }

    /// The vCPUs enabled in the inactive definition, with their configured pinning (`virshVcpuinfoInactive`).
    private static func printInactive(
        _ domain: Domain, hostCPUs: Int, pretty: Bool, _ context: CommandContext
    ) async throws(CommandFailure) {
        let enabled = try await VcpuDefinition.enabledVcpus(domain, context)
        let maps = try await context.require { () async throws(VirtError) in
            try await domain.vcpuPinInfo(flags: .config)
        }
        let mapLength = CPUMap.byteCount(forCPUs: hostCPUs)
        for (index, vcpu) in enabled.enumerated() {
            if index > 0 { context.print("\n") }
            context.print(TextFormat.field("VCPU:", "\(vcpu)"))
            context.print(TextFormat.field("CPU:", "N/A"))
            context.print(TextFormat.field("State:", "N/A"))
            context.print(TextFormat.field("CPU time", "N/A"))
            let map = vcpu < maps.count ? maps[vcpu] : CPUMap(length: mapLength)
            context.print(affinityLine(map, hostCPUs: hostCPUs, mapLength: mapLength, pretty: pretty))
        }
    }
}

/// Which vCPUs an inactive definition enables, read from its XML (`virshDomainGetVcpuBitmap`):
/// `<vcpu current='N'>M</vcpu>` enables the first N of M, unless `<vcpus>` lists them one by one.
enum VcpuDefinition {
    static func enabledVcpus(_ domain: Domain, _ context: CommandContext) async throws(CommandFailure) -> [Int] {
        let xml = try await context.domainXML(domain, flags: .inactive)
        guard case .value(let maximum) = xml.uint32("string(/domain/vcpu)") else {
            throw context.failure("Failed to retrieve maximum vcpu count")
        }
        var current = maximum
        if case .value(let value) = xml.uint32("string(/domain/vcpu/@current)"), value != 0 { current = value }
        let listed = (try? xml.nodes("/domain/vcpus/vcpu").get()) ?? []
        guard !listed.isEmpty else { return Array(0..<Int(min(current, maximum))) }
        var enabled = Set<Int>()
        for node in listed {
            guard case .value(let id) = xml.uint32("string(@id)", at: node), id < maximum,
                  let state = xml.string("string(@enabled)", at: node) else { continue }
            if state == "yes" { enabled.insert(Int(id)) }
        }
        guard enabled.count == Int(current) else { throw context.failure("Failed to retrieve vcpu state bitmap") }
        return enabled.sorted()
    }
}
