import FoundationEssentials
import VirtModel
import VirtXML

/// Domain definition -> xl.cfg, following libvirt 9.0's xen-xl writer (`xenFormatXL`): the same settings in
/// the same order, so a definition libvirt converts gives libvirt's file.
///
/// Every part of the definition is either written, implied by xl's defaults (the xenbus controller, Xen's
/// balloon, the paravirtual console, the default mouse and keyboard, libxl's default video card), or refused
/// with VIR_ERR_CONFIG_UNSUPPORTED naming it: nothing is dropped without a word.
struct XenConfigWriter {
    let definition: DomainDefinition
    var config = XLConfig()

    init(_ definition: DomainDefinition) {
        self.definition = definition
    }

    var isHVM: Bool { definition.os.type == "hvm" }
    var os: OSConfig { definition.os }
    var devices: Devices { definition.devices }

    mutating func write() throws(VirtError) -> XLConfig {
        try checkDomain()
        set("name", .string(definition.name))
        set("uuid", .string(definition.uuid.libvirtString))
        set("maxmem", .number(Self.mebibytes(definition.memory.totalKiB)))
        set("memory", .number(Self.mebibytes(definition.memory.currentKiB)))
        try writeVcpus()
        try writeFeatures()
        try writeClock()
        set("on_poweroff", .string(definition.onPoweroff.rawValue))
        set("on_reboot", .string(definition.onReboot.rawValue))
        set("on_crash", .string(definition.onCrash.rawValue))
        if let emulator = devices.emulator { set("device_model_override", .string(emulator)) }
        try writeGraphics()
        try writeInterfaces()
        try writePCIDevices()
        try writeCharDevices()
        try writeOS()
        try writeXenbusLimits()
        try writeDisks()
        try writeInputs()
        try writeVideo()
        try checkOtherDevices()
        try appendKeptSettings()
        return config
    }

    mutating func set(_ name: String, _ value: XLValue) {
        config[name] = value
    }

    /// KiB rounded up to MiB, as libvirt rounds.
    static func mebibytes(_ kib: UInt64) -> Int64 {
        Int64(clamping: kib / 1024 + (kib % 1024 == 0 ? 0 : 1))
    }

    // MARK: the domain as a whole

    /// What xl.cfg has no place for at the top of the definition.
    private func checkDomain() throws(VirtError) {
        guard definition.type == "xen" else {
            throw unsupported("domain type '\(definition.type)' is not a Xen guest")
        }
        // Before the kept elements: automatic placement brings a <numatune> with it.
        if definition.vcpu.placement == .auto { throw unsupported("<vcpu placement='auto'> has no xl.cfg equivalent") }
        if definition.title != nil { throw unsupported("<title> has no xl.cfg equivalent") }
        if definition.description != nil { throw unsupported("<description> has no xl.cfg equivalent") }
        if definition.memory.hotplugMaximum != nil { throw unsupported("<maxMemory> has no xl.cfg equivalent") }
        try reject(definition.memory.unknown, of: "<memory>")
        if definition.cpu != nil { throw unsupported("<cpu> is not supported by this conversion") }
        for element in definition.unknown.elements where !["bootloader", "bootloader_args"].contains(element.name) {
            throw unsupported("<\(element.name)> has no xl.cfg equivalent")
        }
        for attribute in definition.unknown.attributes where !attribute.name.hasPrefix("xmlns") {
            throw unsupported("attribute '\(attribute.name)' of <domain> has no xl.cfg equivalent")
        }
    }

    /// vcpus, maxvcpus when fewer are online, and `cpus`: the `<vcpu cpuset>` string, or with `<vcpupin>`s a
    /// list with every vCPU's CPUs (unpinned ones get the cpuset, or "all").
    private mutating func writeVcpus() throws(VirtError) {
        let vcpu = definition.vcpu
        try reject(vcpu.unknown, of: "<vcpu>")
        let tune = definition.cputune
        if tune.emulatorPin != nil { throw unsupported("<emulatorpin> has no xl.cfg equivalent") }
        try reject(tune.unknown, of: "<cputune>")
        if vcpu.online < vcpu.maximum { set("maxvcpus", .number(Int64(vcpu.maximum))) }
        set("vcpus", .number(Int64(vcpu.online)))
        if !tune.vcpuPins.isEmpty {
            let lists = (0..<vcpu.maximum).map { index in
                tune.vcpuPins.first { $0.vcpu == index }?.cpuset ?? vcpu.cpuset ?? "all"
            }
            set("cpus", .strings(lists))
        } else if let cpuset = vcpu.cpuset {
            set("cpus", .string(cpuset))
        }
    }

    /// localtime, and for HVM rtc_timeoffset (libvirt's `xenFormatTimeOffset`).
    private mutating func writeClock() throws(VirtError) {
        let clock = definition.clock
        if clock.timezone != nil || clock.start != nil {
            throw unsupported("unsupported clock offset='\(clock.offset)'")
        }
        var localtime: Bool
        if isHVM {
            var offset: Int64 = 0
            switch clock.offset {
            case "variable":
                localtime = clock.basis == "localtime"
                offset = clock.adjustment ?? 0
            case "utc", "localtime":
                if clock.resetAdjustment { throw unsupported("unsupported clock adjustment='reset'") }
                if clock.adjustment != nil {
                    throw unsupported("clock adjustment with offset='\(clock.offset)' has no xl.cfg equivalent")
                }
                localtime = clock.offset == "localtime"
            default:
                throw unsupported("unsupported clock offset='\(clock.offset)'")
            }
            // xl reads no minus sign in a bare number (libvirt writes one anyway); quoted, xl reads it.
            set("rtc_timeoffset", offset < 0 ? .string(String(offset)) : .number(offset))
        } else {
            guard clock.offset == "utc" || clock.offset == "localtime" else {
                throw unsupported("unsupported clock offset='\(clock.offset)'")
            }
            if clock.adjustment != nil || clock.basis != nil {
                throw unsupported("clock adjustment of a paravirtual guest has no xl.cfg equivalent")
            }
            localtime = clock.offset == "localtime"
        }
        set("localtime", .number(localtime ? 1 : 0))
    }

    /// The kept settings of the metadata, after the definition's own. One the definition also gives must
    /// agree with it.
    private mutating func appendKeptSettings() throws(VirtError) {
        for kept in try KeptSettings.settings(in: definition.metadata) {
            if let written = config[kept.name] {
                guard written == kept.value else {
                    throw unsupported(
                        "xl.cfg setting '\(kept.name)' kept in <metadata> (\(kept.value.text)) contradicts the "
                            + "definition (\(written.text))")
                }
                continue
            }
            set(kept.name, kept.value)
        }
    }

    // MARK: errors

    func unsupported(_ detail: String) -> VirtError {
        VirtError(.configUnsupported, .xenxl, detail)
    }

    /// Refuses what the model kept but this conversion does not write.
    func reject(_ unknown: UnknownXML, of element: String) throws(VirtError) {
        if let attribute = unknown.attributes.first {
            throw unsupported("attribute '\(attribute.name)' of \(element) has no xl.cfg equivalent")
        }
        if let child = unknown.elements.first {
            throw unsupported("<\(child.name)> in \(element) has no xl.cfg equivalent")
        }
    }

    func reject(_ children: [String: UnknownXML], of element: String) throws(VirtError) {
        for (child, unknown) in children.sorted(by: { $0.key < $1.key }) {
            try reject(unknown, of: "<\(child)> of \(element)")
        }
    }
}
