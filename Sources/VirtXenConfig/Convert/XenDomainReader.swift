import FoundationEssentials
import VirtModel
import VirtXML

/// xl.cfg -> domain definition, following libvirt 9.0's xen-xl reader (`xenParseXL`) setting by setting and
/// in its order, so the first error is libvirt's first error.
///
/// The result is a draft: ``XenConfig`` re-reads it as XML with ``DefinitionDefaults/xen``, which adds what
/// libvirt's post-parse adds (implicit devices, controllers, defaults) and checks values (CPU lists, MACs).
/// Settings the reader does not use are kept in the definition's metadata (``KeptSettings``), never dropped.
struct XenDomainReader {
    var settings: XLSettingsReader
    var definition: DomainDefinition

    init(_ config: XLConfig) {
        settings = XLSettingsReader(config)
        definition = DomainDefinition(type: "xen", name: "", uuid: UUID())
        definition.devices = Devices()
    }

    var isHVM: Bool { definition.os.type == "hvm" }

    mutating func read() throws(VirtError) -> DomainDefinition {
        try readIdentity()
        try readMemory()
        try readLifecycle()
        try readVcpus()
        try readFeatures()
        try readClock()
        definition.devices.emulator = try settings.string("device_model_override")
        try readInterfaces()
        try readPCIDevices()
        try readGraphics()
        try readCharDevices()
        try readOS()
        try readXenbusLimits()
        try readDisks()
        try readInputs()
        try readVideo()
        definition.metadata = KeptSettings.metadata(for: settings.unused)
        return definition
    }

    // MARK: identity

    /// name, uuid, and the guest type from `type` or the older `builder`.
    private mutating func readIdentity() throws(VirtError) {
        guard let name = try settings.string("name") else {
            throw VirtError(.internalError, .xen, "config value name was missing")
        }
        definition.name = name
        if let text = try settings.string("uuid") {
            guard !text.isEmpty else { throw VirtError(.confSyntax, .xen, "uuid can't be empty") }
            guard let uuid = UUID(libvirtString: text) else { throw VirtError(.confSyntax, .xen, "\(text) not parseable") }
            definition.uuid = uuid
        }
        if let type = try settings.string("type") {
            switch type {
            case "pv": definition.os = OSConfig(type: "xen")
            case "pvh": definition.os = OSConfig(type: "xenpvh")
            case "hvm": definition.os = OSConfig(type: "hvm")
            default: throw VirtError(.configUnsupported, .xen, "type \(type) is not supported")
            }
            settings.markUsed("builder")  // xl ignores builder when type is given
        } else {
            definition.os = OSConfig(type: try settings.string("builder") == "hvm" ? "hvm" : "xen")
        }
        definition.os.arch = "x86_64"
        definition.os.machine = isHVM ? "xenfv" : definition.os.type == "xenpvh" ? "xenpvh" : "xenpv"
    }

    // MARK: resources

    /// memory (the balloon target) and maxmem, in MiB; libvirt's default is 128 MiB.
    private mutating func readMemory() throws(VirtError) {
        let current = try settings.unsigned("memory") ?? 128
        let maximum = try settings.unsigned("maxmem") ?? current
        guard let currentKiB = Self.kibibytes(current), let totalKiB = Self.kibibytes(maximum) else {
            throw settings.malformed(current > maximum ? "memory" : "maxmem")
        }
        definition.memory = MemoryConfig(totalKiB: totalKiB, currentKiB: currentKiB)
    }

    private static func kibibytes(_ mebibytes: UInt64) -> UInt64? {
        let (kib, overflow) = mebibytes.multipliedReportingOverflow(by: 1024)
        return overflow ? nil : kib
    }

    private mutating func readLifecycle() throws(VirtError) {
        definition.onPoweroff = try action("on_poweroff", default: .destroy)
        definition.onReboot = try action("on_reboot", default: .restart)
        definition.onCrash = try action("on_crash", default: .restart)
    }

    private mutating func action(_ name: String, default fallback: LifecycleAction) throws(VirtError) -> LifecycleAction {
        guard let text = try settings.string(name) else { return fallback }
        guard let action = LifecycleAction(rawValue: text) else {
            throw VirtError(.internalError, .xen, "unexpected value \(text) for \(name)")
        }
        return action
    }

    /// vcpus, maxvcpus, and `cpus`: one CPU list for every vCPU (`<vcpu cpuset>`), or a list with one entry
    /// per vCPU (libxl keeps each as that vCPU's hard affinity). libvirt keeps pins of online vCPUs only, so
    /// the entries of offline vCPUs must agree: theirs is the `cpuset` of every vCPU without a pin.
    private mutating func readVcpus() throws(VirtError) {
        let online = try settings.unsigned("vcpus") ?? 1
        let maximum = try settings.unsigned("maxvcpus") ?? online
        guard online >= 1, online <= UInt64(UInt32.max), maximum <= UInt64(UInt32.max) else {
            throw settings.malformed("vcpus")
        }
        guard maximum >= online else {
            throw VirtError(
                .configUnsupported, .xen, "maxvcpus (\(maximum)) must not be less than vcpus (\(online))")
        }
        definition.vcpu = VcpuConfig(maximum: UInt32(maximum), current: online < maximum ? UInt32(online) : nil)
        guard case .list = settings.config["cpus"] else {
            if let cpus = try settings.string("cpus"), cpus != "all" {
                try Self.checkCPUList(cpus)
                definition.vcpu.cpuset = cpus
            }
            return
        }
        let lists = try settings.stringList("cpus") ?? []
        guard lists.count <= Int(maximum) else {
            throw VirtError(.configUnsupported, .xen, "cpus lists \(lists.count) vCPUs, but the guest has only \(maximum)")
        }
        let offline = Set(lists.dropFirst(Int(online)))
        guard offline.count <= 1 else {
            throw VirtError(
                .configUnsupported, .xen,
                "cpus gives offline vCPUs different CPUs; libvirt pins online vCPUs only")
        }
        let cpuset = offline.first.flatMap { $0 == "all" ? nil : $0 }
        if let cpuset { try Self.checkCPUList(cpuset) }
        definition.vcpu.cpuset = cpuset
        for (vcpu, cpus) in lists.prefix(Int(online)).enumerated() where cpus != (cpuset ?? "all") {
            try Self.checkCPUList(cpus)
            definition.cputune.vcpuPins.append(CPUTune.VcpuPin(vcpu: UInt32(vcpu), cpuset: cpus))
        }
    }

    /// xl also takes NUMA nodes ("nodes:0-1") and "all" among CPUs ("0,all"), which libvirt's CPU lists cannot say.
    private static func checkCPUList(_ cpus: String) throws(VirtError) {
        if cpus.contains("node") {
            throw VirtError(.configUnsupported, .xen, "cpus '\(cpus)' names NUMA nodes, which libvirt's CPU lists cannot express")
        }
        if cpus.contains("all") {
            throw VirtError(
                .configUnsupported, .xen,
                "cpus '\(cpus)' mixes 'all' with CPU numbers, which libvirt's CPU lists cannot express")
        }
    }

    /// localtime and, for HVM, rtc_timeoffset: HVM clocks are `variable`, paravirtual ones fixed to UTC or
    /// local time and reset on boot.
    private mutating func readClock() throws(VirtError) {
        let localtime = try settings.bool("localtime") ?? false
        if isHVM {
            definition.clock.offset = "variable"
            definition.clock.adjustment = try settings.signed("rtc_timeoffset") ?? 0
            definition.clock.basis = localtime ? "localtime" : "utc"
        } else {
            definition.clock.offset = localtime ? "localtime" : "utc"
            definition.clock.resetAdjustment = true
        }
    }

    // MARK: boot

    private mutating func readOS() throws(VirtError) {
        if isHVM {
            if settings.config["bios"] == .string("ovmf") {
                settings.markUsed("bios")
                definition.os.loader = OSConfig.Loader(path: XenConfig.ovmfPath, readonly: true, type: "pflash")
            } else {
                definition.os.loader = OSConfig.Loader(path: XenConfig.hvmloaderPath)
            }
            if let slic = try settings.string("acpi_firmware") {
                let table = XMLFragment.element("table", ["type": "slic"], text: slic)
                definition.os.unknown.elements.append(.element("acpi", children: [table]))
            }
        } else {
            if let bootloader = try settings.string("bootloader") {
                definition.unknown.elements.append(.element("bootloader", text: bootloader))
            }
            if let arguments = try settings.string("bootargs") {
                definition.unknown.elements.append(.element("bootloader_args", text: arguments))
            }
        }
        definition.os.kernel = try settings.string("kernel")
        definition.os.initrd = try settings.string("ramdisk")
        definition.os.cmdline = try readCommandLine()
        if isHVM { try readBootOrder() }
    }

    /// `cmdline`, or else `root=` and `extra` joined as xl joins them. With `cmdline` present xl ignores the
    /// other two; they stay unused, so they are kept.
    private mutating func readCommandLine() throws(VirtError) -> String? {
        if let cmdline = try settings.string("cmdline") { return cmdline }
        let root = try settings.string("root")
        let extra = try settings.string("extra")
        switch (root, extra) {
        case (let root?, let extra?): return "root=\(root) \(extra)"
        case (let root?, nil): return "root=\(root)"
        case (nil, let extra?): return extra
        case (nil, nil): return nil
        }
    }

    /// `boot`: letters a (floppy), c (disk), d (CD-ROM), n (network), at most four, as libvirt reads them.
    private mutating func readBootOrder() throws(VirtError) {
        let boot = try settings.string("boot") ?? "c"
        for letter in boot.prefix(4) {
            switch letter {
            case "a": definition.os.bootDevices.append("fd")
            case "c": definition.os.bootDevices.append("hd")
            case "d": definition.os.bootDevices.append("cdrom")
            case "n": definition.os.bootDevices.append("network")
            default:
                throw VirtError(
                    .configUnsupported, .xen, "boot device '\(letter)' in boot '\(boot)' is not one of a, c, d, n")
            }
        }
    }
}
