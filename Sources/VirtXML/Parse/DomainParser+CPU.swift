import VirtModel

extension DomainParser {
    /// `<cpu>` for a guest, as `virCPUDefParseXML` reads it (its own errors come from VIR_FROM_CPU).
    func parseCPU(_ node: Node) throws(VirtError) -> CPUConfig {
        var cpu = CPUConfig()
        if let mode = node.attribute("mode") {
            guard ["custom", "host-model", "host-passthrough", "maximum"].contains(mode) else {
                throw VirtError(.configUnsupported, .cpu, "Invalid mode attribute '\(mode)'")
            }
            cpu.mode = CPUMode(rawValue: mode)
        } else {
            cpu.mode = "custom"
        }
        let passthrough = cpu.mode == "host-passthrough" || cpu.mode == "maximum"
        if let migratable = try node.onOff("migratable") {
            guard passthrough else {
                throw VirtError(
                    .configUnsupported, .cpu,
                    "Attribute migratable is only allowed for 'host-passthrough' / 'maximum' CPU mode")
            }
            cpu.migratable = migratable
        }
        cpu.match = try node.enumeration("match", ["exact", "minimum", "strict"]) ?? "exact"
        let check = try node.enumeration("check", ["default", "none", "partial", "full"])
        cpu.check = check == "default" ? nil : check

        let modelNode = node.child("model")
        cpu.model = modelNode?.nonEmptyText
        if !passthrough, let modelNode {
            if let fallback = modelNode.attribute("fallback"), !fallback.isEmpty {
                guard fallback == "allow" || fallback == "forbid" else {
                    throw VirtError(.configUnsupported, .cpu, "Invalid fallback attribute")
                }
                cpu.fallback = fallback
            }
            if let vendorID = modelNode.attribute("vendor_id"), !vendorID.isEmpty {
                guard vendorID.utf8.count == 12 else {
                    throw VirtError(.xmlError, .cpu, "vendor_id must be exactly 12 characters long")
                }
                guard !vendorID.contains(",") else { throw VirtError(.xmlError, .cpu, "vendor id is invalid") }
                cpu.vendorID = vendorID
            }
        }
        if cpu.model != nil, cpu.fallback == nil { cpu.fallback = "allow" }
        let vendorNode = node.child("vendor")
        cpu.vendor = vendorNode?.nonEmptyText
        if cpu.vendor != nil, cpu.model == nil {
            throw VirtError(.xmlError, .cpu, "CPU vendor specified without CPU model")
        }
        let topologyNode = node.child("topology")
        if let topology = topologyNode {
            let sockets = try topology.unsigned("sockets", required: true, nonZero: true) ?? 1
            let dies = try topology.unsigned("dies", nonZero: true) ?? 1
            let cores = try topology.unsigned("cores", required: true, nonZero: true) ?? 1
            let threads = try topology.unsigned("threads", required: true, nonZero: true) ?? 1
            // libvirt's check; the product is also what code multiplies later, so it must not overflow.
            let product = [sockets, dies, cores, threads].reduce(Optional(UInt32(1))) { product, factor in
                product.flatMap { product in
                    let (result, overflow) = product.multipliedReportingOverflow(by: factor)
                    return overflow ? nil : result
                }
            }
            guard product != nil else {
                throw DomainError.unsupported("cpu topology results in more than \(UInt32.max) cpus")
            }
            cpu.topology = CPUConfig.Topology(sockets: sockets, dies: dies, cores: cores, threads: threads)
        }
        var consumed: [Node?] = [modelNode, vendorNode, topologyNode]
        let featureNodes = node.elements.filter { $0.isPlain && $0.named("feature") }
        if !featureNodes.isEmpty, cpu.model == nil, cpu.mode == "custom" {
            throw VirtError(.xmlError, .cpu, "Non-empty feature list specified without CPU model")
        }
        for feature in featureNodes {
            let policy = feature.attribute("policy") ?? "require"
            guard ["force", "require", "optional", "disable", "forbid"].contains(policy) else {
                throw VirtError(.configUnsupported, .cpu, "Invalid CPU feature policy")
            }
            guard let name = feature.attribute("name"), !name.isEmpty else {
                throw VirtError(.xmlError, .cpu, "Invalid CPU feature name")
            }
            if cpu.features.contains(where: { $0.name == name }) {
                throw VirtError(.xmlError, .cpu, "CPU feature '\(name)' specified more than once")
            }
            cpu.features.append(CPUConfig.Feature(policy: policy, name: name))
            consumed.append(feature)
        }
        cpu.unknown = node.leftovers(
            knownAttributes: ["mode", "match", "check", "migratable"], consumed: consumed, depth: 1)
        return cpu
    }
}
