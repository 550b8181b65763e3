import VirtModel

extension DomainParser {
    /// `<memory>`, `<currentMemory>`, `<maxMemory slots=>`: scaled to KiB as `virDomainParseMemory` does.
    func parseMemory(_ children: Children) throws(VirtError) -> MemoryConfig {
        let total = try scaledKiB(children[.memory], path: "./memory[1]")
        let current = try scaledKiB(children[.currentMemory], path: "./currentMemory[1]")
        var config = MemoryConfig(totalKiB: total, currentKiB: current)
        let maximum = try scaledKiB(children[.maxMemory], path: "./maxMemory[1]")
        var slots: UInt32 = 0
        if let text = children[.maxMemory]?.attribute("slots"), !text.isEmpty {
            guard let value = CNumber.uint32(text, wrap: false) else {
                throw DomainError.xml("Failed to parse memory slot count")
            }
            slots = value
        }
        if maximum != 0 || slots != 0 {
            config.hotplugMaximum = MemoryConfig.HotplugMaximum(slots: slots, kib: maximum)
        }
        if let memory = children[.memory] {
            _ = try memory.onOff("dumpCore")
            config.unknown = memory.leftovers(knownAttributes: ["unit"], depth: 1)
        }
        return config
    }

    /// One memory element in KiB (0 when absent or empty).
    private func scaledKiB(_ node: Node?, path: String) throws(VirtError) -> UInt64 {
        guard let node, let text = node.nonEmptyText else { return 0 }
        guard let value = CNumber.uint64(text, wrap: false) else {
            throw VirtError(.xmlError, .xml, "Invalid value '\(text)' for element or attribute '\(path)'")
        }
        let unit = node.attribute("unit").flatMap { $0.isEmpty ? nil : $0 }
        let bytes = try MemorySize.scale(value, unit: unit)
        let kib = MemorySize.kibibytes(fromBytes: bytes)
        if kib >= MemorySize.kibibytes(fromBytes: MemorySize.maxBytes) {
            throw VirtError(.overflow, .domain, "size value too large")
        }
        return kib
    }

    /// `<vcpu placement= cpuset= current=>N</vcpu>`.
    func parseVcpu(_ node: Node?) throws(VirtError) -> VcpuConfig {
        guard let node else { return VcpuConfig(maximum: 1) }
        guard let maximum = CNumber.uint32(node.text, wrap: true) else {
            throw DomainError.xml("maximum vcpus count must be an integer")
        }
        // strtoul's reading, as libvirt's: "-1" is 4294967295, refused with the text as written.
        try VcpuConfig.checkMaximum(maximum, written: node.text.split(whereSeparator: \.isWhitespace).joined(separator: " "))
        let current = try node.unsigned("current") ?? maximum
        let placementText = try node.enumeration("placement", ["static", "auto"])
        var config = VcpuConfig(maximum: maximum, placement: placementText == "auto" ? .auto : .static)
        if config.placement != .auto, let text = node.attribute("cpuset") {
            config.cpuset = try Self.cpuset(text)
        }
        if current > maximum {
            throw DomainError.unsupported("maximum vCPU count must not be less than current vCPU count")
        }
        config.current = current == maximum ? nil : current
        config.unknown = node.leftovers(knownAttributes: ["placement", "cpuset", "current"], depth: 1)
        return config
    }

    /// `<cputune>`: vcpupin and emulatorpin are read; the other tunables are kept as written.
    func parseCPUTune(_ node: Node?, vcpus: UInt32) throws(VirtError) -> CPUTune {
        guard let node else { return CPUTune() }
        var tune = CPUTune()
        var consumed: [Node?] = []
        for pin in node.elements where pin.isPlain && pin.named("vcpupin") {
            consumed.append(pin)
            guard let vcpu = try pin.unsigned("vcpu", required: true) else { continue }
            // libvirt ignores (with a warning) pins of vCPUs the domain does not have.
            guard vcpu < vcpus else { continue }
            guard let text = pin.attribute("cpuset") else {
                throw DomainError.internal("missing cpuset for vcpupin")
            }
            if tune.vcpuPins.contains(where: { $0.vcpu == vcpu }) {
                throw DomainError.internal("duplicate vcpupin for vcpu '\(vcpu)'")
            }
            tune.vcpuPins.append(CPUTune.VcpuPin(vcpu: vcpu, cpuset: try Self.cpuset(text)))
        }
        tune.vcpuPins.sort { $0.vcpu < $1.vcpu }
        let emulatorPins = node.elements.filter { $0.isPlain && $0.named("emulatorpin") }
        if emulatorPins.count > 1 { throw DomainError.xml("only one emulatorpin is supported") }
        if let pin = emulatorPins.first {
            guard let text = pin.attribute("cpuset") else {
                throw DomainError.internal("missing cpuset for emulatorpin")
            }
            tune.emulatorPin = try Self.cpuset(text)
            consumed.append(pin)
        }
        tune.unknown = node.leftovers(knownAttributes: [], consumed: consumed, depth: 1)
        return tune
    }

    /// A cpuset attribute in libvirt's list syntax, written back in the compact form. libvirt reads these
    /// with a limit of VIR_DOMAIN_CPUMASK_LEN CPUs and refuses a list that leaves none.
    private static func cpuset(_ text: String) throws(VirtError) -> String {
        let map = try CPUMap(cpuList: text, limit: 16384)
        if map.isEmpty { throw DomainError.unsupported("Invalid value of 'cpuset': \(text)") }
        return map.cpuList
    }
}
