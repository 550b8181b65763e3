import VirtModel
import VirtXML

/// Hypervisor features and timers (`xenParseHypervisorFeatures`).
extension XenDomainReader {
    /// tsc_mode and passthrough for every guest; for HVM pae, acpi, apic (on unless 0), hap (off only when 0),
    /// viridian and hpet; for PVH acpi (xl honours it there; libvirt drops it); otherwise e820_host.
    /// HVM-only settings in a paravirtual guest's file stay unused and are kept.
    mutating func readFeatures() throws(VirtError) {
        if let mode = try settings.string("tsc_mode") {
            guard let timerMode = XenConfig.tscModes.first(where: { $0.xl == mode })?.timer else {
                let known = XenConfig.tscModes.map(\.xl).joined(separator: ", ")
                throw VirtError(.configUnsupported, .xen, "tsc_mode '\(mode)' is not one of \(known)")
            }
            definition.clock.unknown.elements.append(
                .element("timer", ["name": "tsc", "present": "yes", "mode": timerMode]))
        }
        var xenFeatures: [XMLFragment] = []
        if let passthrough = try settings.string("passthrough") {
            switch passthrough {
            case "disabled": xenFeatures.append(.element("passthrough", ["state": "off"]))
            case "enabled": xenFeatures.append(.element("passthrough", ["state": "on"]))
            case "sync_pt", "share_pt": xenFeatures.append(.element("passthrough", ["state": "on", "mode": passthrough]))
            default: throw VirtError(.confSyntax, .xen, "Invalid passthrough mode \(passthrough)")
            }
        }
        if isHVM {
            definition.features.pae = try settings.bool("pae") ?? true
            definition.features.acpi = try settings.bool("acpi") ?? true
            definition.features.apic = try settings.bool("apic") ?? true
            if try settings.bool("hap") == false {
                definition.features.unknown.elements.append(.element("hap", ["state": "off"]))
            }
            if try settings.bool("viridian") == true {
                definition.features.unknown.elements.append(.element("viridian"))
            }
            if let hpet = try settings.bool("hpet") {
                definition.clock.unknown.elements.append(
                    .element("timer", ["name": "hpet", "present": hpet ? "yes" : "no"]))
            }
        } else {
            if definition.os.type == "xenpvh", try settings.bool("acpi") == true { definition.features.acpi = true }
            if try settings.bool("e820_host") == true {
                xenFeatures.insert(.element("e820_host", ["state": "on"]), at: 0)
            }
        }
        if !xenFeatures.isEmpty {
            definition.features.unknown.elements.append(.element("xen", children: xenFeatures))
        }
    }
}

extension XenConfig {
    /// xl's tsc_mode values and libvirt's TSC timer modes for them.
    static let tscModes: [(xl: String, timer: String)] = [
        ("default", "auto"), ("always_emulate", "emulate"), ("native", "native"), ("native_paravirt", "paravirt"),
    ]
}
