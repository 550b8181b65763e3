import VirtModel

extension DomainDefinition {
    /// libvirt's post-parse stage (`virDomainDefPostParse`), driven by what the driver chose: architecture,
    /// implicit devices, generated MACs, memory and boot defaults, and the checks that go with them.
    mutating func fillDefaults(_ defaults: DefinitionDefaults) throws(VirtError) {
        if !defaults.domainTypes.isEmpty, !defaults.domainTypes.contains(type) {
            // libvirt names what the XML gave: the OS type unless HVM (its enum's zero), the arch if any.
            let ostype = os.type == "hvm" ? "" : "ostype=\(os.type) "
            let arch = os.arch.map { "arch=\($0) " } ?? ""
            throw VirtError(.invalidArg, .capabilities, "could not find capabilities for \(ostype)\(arch)domaintype=\(type) ")
        }
        if os.arch == nil { os.arch = defaults.architecture(forOSType: os.type) }
        if os.machine == nil, os.type == "hvm" { os.machine = defaults.machine }
        if devices.emulator == nil { devices.emulator = defaults.emulator }

        addAutomaticNumaPlacement()
        assignControllerIndexes()
        try defaults.domainPostParse?(&self)
        try postParseDevices(defaults)
        try postParseMemory()
        if let loader = os.loader, loader.path != nil, loader.type == nil { os.loader?.type = "rom" }
        try rejectDuplicateControllers()
        if os.type == "hvm" { try postParseBootOrder() }
        try addImplicitDevices(defaults)
        try postParseVideos(defaults)
        try postParseCPU()
        try checkDriverFeatures(defaults)
    }

    /// With automatic vCPU placement and no `<numatune>`, libvirt places memory automatically too.
    private mutating func addAutomaticNumaPlacement() {
        guard vcpu.placement == .auto, !unknown.elements.contains(where: { $0.elementName == "numatune" }) else {
            return
        }
        unknown.elements.append(
            XMLFragment(xml: "<numatune>\n    <memory mode='strict' placement='auto'/>\n  </numatune>"))
    }

    private mutating func postParseMemory() throws(VirtError) {
        if memory.totalKiB == 0 {
            throw DomainError.xml("Memory size must be specified via <memory> or in the <numa> configuration")
        }
        if memory.currentKiB == 0 || memory.currentKiB > memory.totalKiB { memory.currentKiB = memory.totalKiB }
        if let hotplug = memory.hotplugMaximum {
            if hotplug.kib == 0 || hotplug.slots == 0 {
                throw DomainError.xml("both maximum memory size and memory slot count must be specified")
            }
            if hotplug.kib < memory.totalKiB {
                throw DomainError.xml("maximum memory size must be equal or greater than the actual memory size")
            }
        }
    }

    /// `<os><boot>` and per-device `<boot order>` exclude each other; with neither, the guest boots from disk.
    private mutating func postParseBootOrder() throws(VirtError) {
        var orders: [UInt32] = []
        for order in devices.disks.compactMap(\.bootOrder) + devices.interfaces.compactMap(\.bootOrder) {
            if orders.contains(order) {
                throw DomainError.unsupported("boot order '\(order)' used for more than one device")
            }
            orders.append(order)
        }
        if !os.bootDevices.isEmpty, !orders.isEmpty {
            throw DomainError.unsupported("per-device boot elements cannot be used together with os/boot elements")
        }
        if os.bootDevices.isEmpty, orders.isEmpty { os.bootDevices = ["hd"] }
    }

    private func postParseCPU() throws(VirtError) {
        guard let cpu else { return }
        if cpu.mode == "custom", cpu.model == nil, cpu.check != nil {
            throw DomainError.unsupported("check attribute specified for CPU with no model")
        }
    }

    /// What the driver does not support (`virDomainDefPostParseCheckFeatures`).
    private mutating func checkDriverFeatures(_ defaults: DefinitionDefaults) throws(VirtError) {
        if !defaults.supportsMemoryHotplug, memory.hotplugMaximum != nil {
            throw DomainError.unsupported(
                "memory hotplug tunables <maxMemory> are not supported by this hypervisor driver")
        }
        if !defaults.supportsOfflineVcpuPin {
            let online = vcpu.online
            cputune.vcpuPins.removeAll { $0.vcpu >= online }
        }
        if !defaults.allowsSlashInName, name.contains("/") {
            throw DomainError.xml("name \(name) cannot contain '/'")
        }
    }
}
