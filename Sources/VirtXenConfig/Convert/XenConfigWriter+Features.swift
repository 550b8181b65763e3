import VirtModel
import VirtXML

/// Features, timers and the boot settings (`xenFormatHypervisorFeatures`, `xenFormatXLOS`).
extension XenConfigWriter {
    /// HVM: pae, acpi, apic (always, 0 or 1), hap=0 when off, viridian; PVH: acpi when on; paravirtual:
    /// e820_host; any guest: passthrough, tsc_mode, and for HVM hpet.
    mutating func writeFeatures() throws(VirtError) {
        let features = definition.features
        var unknown = features.unknown
        if isHVM {
            set("pae", .number(features.pae ? 1 : 0))
            set("acpi", .number(features.acpi ? 1 : 0))
            set("apic", .number(features.apic ? 1 : 0))
            if let hap = unknown.elements(named: "hap").first {
                if hap.attribute("state") == "off" { set("hap", .number(0)) }
                unknown.remove(named: "hap")
            }
            set("viridian", .number(unknown.elements(named: "viridian").isEmpty ? 0 : 1))
            unknown.remove(named: "viridian")
        } else {
            if features.apic || features.pae || (features.acpi && os.type != "xenpvh") {
                throw unsupported("<features> <acpi>, <apic> and <pae> apply to HVM guests only")
            }
            if features.acpi { set("acpi", .number(1)) }
        }
        if let xen = unknown.elements(named: "xen").first {
            try writeXenFeatures(xen)
            unknown.remove(named: "xen")
        }
        try reject(unknown, of: "<features>")
        try writeTimers()
    }

    /// `<xen>`: `<e820_host state='on'/>` (paravirtual guests) and `<passthrough state= mode=/>`.
    private mutating func writeXenFeatures(_ xen: XMLElement) throws(VirtError) {
        for child in xen.children {
            let state = child.attribute("state")
            switch child.name {
            case "e820_host" where !isHVM:
                if state == "on" { set("e820_host", .number(1)) }
            case "passthrough":
                let mode = child.attribute("mode")
                if state == "on" {
                    set("passthrough", .string(mode ?? "enabled"))
                } else if mode == nil {
                    set("passthrough", .string("disabled"))
                } else {
                    throw unsupported("<passthrough state='off' mode='\(mode ?? "")'> has no xl.cfg equivalent")
                }
            default:
                throw unsupported("<\(child.name)> in <features><xen> has no xl.cfg equivalent for this guest")
            }
        }
    }

    /// `<timer name='tsc'>` as tsc_mode; `<timer name='hpet'>` as hpet (HVM only). libvirt refuses others.
    private mutating func writeTimers() throws(VirtError) {
        var unknown = definition.clock.unknown
        for timer in unknown.elements(named: "timer") {
            let name = timer.attribute("name") ?? ""
            for attribute in timer.attributes where !["name", "present", "mode"].contains(attribute.name) {
                throw unsupported("attribute '\(attribute.name)' of <timer name='\(name)'> has no xl.cfg equivalent")
            }
            switch name {
            case "tsc":
                let mode = timer.attribute("mode") ?? "auto"
                if timer.attribute("present") == "no" {
                    throw unsupported("<timer name='tsc' present='no'> has no xl.cfg equivalent")
                }
                let xl = mode == "smpsafe" ? "default" : XenConfig.tscModes.first { $0.timer == mode }?.xl
                guard let xl else { throw unsupported("TSC timer mode '\(mode)' has no xl.cfg equivalent") }
                set("tsc_mode", .string(xl))
            case "hpet" where isHVM:
                set("hpet", .number(timer.attribute("present") == "no" ? 0 : 1))
            default:
                throw unsupported("unsupported timer type (name) '\(name)'")
            }
        }
        unknown.remove(named: "timer")
        try reject(unknown, of: "<clock>")
    }

    // MARK: boot

    /// HVM: builder, bios, kernel, ramdisk, cmdline, boot. Others: type (PVH), bootloader, bootargs, kernel,
    /// ramdisk, cmdline. `root` follows the command line.
    mutating func writeOS() throws(VirtError) {
        try checkOS()
        if isHVM {
            set("builder", .string("hvm"))
            if os.loader?.type == "pflash" { set("bios", .string("ovmf")) }
            if let table = try slicTable() { set("acpi_firmware", .string(table)) }
        } else {
            if os.type == "xenpvh" { set("type", .string("pvh")) }
            if let bootloader = definition.unknown.elements(named: "bootloader").first {
                set("bootloader", .string(bootloader.text))
            }
            if let arguments = definition.unknown.elements(named: "bootloader_args").first {
                set("bootargs", .string(arguments.text))
            }
        }
        if let kernel = os.kernel { set("kernel", .string(kernel)) }
        if let initrd = os.initrd { set("ramdisk", .string(initrd)) }
        if let cmdline = os.cmdline { set("cmdline", .string(cmdline)) }
        if let root = os.root { set("root", .string(root)) }
        if isHVM {
            let letters = try os.bootDevices.map { (device: String) throws(VirtError) -> String in
                switch device {
                case "fd": return "a"
                case "cdrom": return "d"
                case "network": return "n"
                case "hd": return "c"
                default: throw unsupported("boot device '\(device)' has no xl.cfg equivalent")
                }
            }
            set("boot", .string(letters.isEmpty ? "c" : letters.joined()))
        }
    }

    /// The guest type, and the parts of `<os>` xl.cfg has no place for.
    private func checkOS() throws(VirtError) {
        guard ["hvm", "xen", "xenpvh"].contains(os.type) else {
            throw unsupported("OS type '\(os.type)' is not a Xen guest type (hvm, xen, xenpvh)")
        }
        if let arch = os.arch, arch != "x86_64" {
            throw unsupported("architecture '\(arch)': this conversion writes x86_64 guests only")
        }
        let machine = isHVM ? "xenfv" : os.type == "xenpvh" ? "xenpvh" : "xenpv"
        if let given = os.machine, given != machine {
            throw unsupported("machine '\(given)' is not Xen's \(machine) for this guest type")
        }
        if let loader = os.loader {
            let hvmloader = loader.path == XenConfig.hvmloaderPath && (loader.type ?? "rom") == "rom"
                && loader.readonly == nil && loader.secure == nil
            let ovmf = loader.type == "pflash" && loader.secure != true
            guard isHVM, hvmloader || ovmf, loader.unknown.isEmpty else {
                throw unsupported("<loader> other than Xen's hvmloader or OVMF has no xl.cfg equivalent")
            }
        }
        if os.nvram != nil || os.nvramTemplate != nil || !os.nvramUnknown.isEmpty {
            throw unsupported("<nvram> has no xl.cfg equivalent")
        }
        if os.dtb != nil { throw unsupported("<dtb> has no xl.cfg equivalent") }
        if os.bootMenu != nil { throw unsupported("<bootmenu> has no xl.cfg equivalent") }
        if !isHVM, !os.bootDevices.isEmpty { throw unsupported("<boot dev> applies to HVM guests only") }
        if isHVM, let element = definition.unknown.elements.first {
            throw unsupported("<\(element.name)> applies to paravirtual guests only")
        }
        var unknown = os.unknown
        if isHVM { unknown.remove(named: "acpi") }
        try reject(unknown, of: "<os>")
    }

    /// `<acpi><table type='slic'>PATH</table></acpi>` (HVM), xl's acpi_firmware.
    private func slicTable() throws(VirtError) -> String? {
        let acpi = os.unknown.elements(named: "acpi")
        guard let first = acpi.first else { return nil }
        let tables = first.children
        guard acpi.count == 1, tables.count == 1, let table = tables.first, table.name == "table",
            table.attribute("type") == "slic", table.attributes.count == 1
        else { throw unsupported("<acpi> other than one SLIC table has no xl.cfg equivalent") }
        return table.text
    }
}
