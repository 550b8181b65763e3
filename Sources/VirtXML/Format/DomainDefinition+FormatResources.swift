extension DomainDefinition {
    func writeVcpu(into writer: inout XMLWriter) {
        writer.begin("vcpu")
        writer.attribute("placement", vcpu.placement.rawValue)
        writer.attribute("cpuset", vcpu.cpuset)
        if let current = vcpu.current, current != vcpu.maximum { writer.attribute("current", current) }
        writer.attributes(vcpu.unknown.attributes)
        writer.endText(vcpu.maximum, "vcpu")
    }

    func writeCPUTune(into writer: inout XMLWriter) {
        guard !cputune.isEmpty else { return }
        writer.begin("cputune")
        writer.attributes(cputune.unknown.attributes)
        writer.endOpen()
        var kept = FragmentQueue(cputune.unknown.elements, order: .cputune)
        kept.write(before: "vcpupin", into: &writer)
        for pin in cputune.vcpuPins {
            writer.begin("vcpupin")
            writer.attribute("vcpu", pin.vcpu)
            writer.attribute("cpuset", pin.cpuset)
            writer.endEmpty()
        }
        kept.write(before: "emulatorpin", into: &writer)
        if let emulatorPin = cputune.emulatorPin {
            writer.begin("emulatorpin")
            writer.attribute("cpuset", emulatorPin)
            writer.endEmpty()
        }
        kept.writeRest(into: &writer)
        writer.close("cputune")
    }

    /// `<cpu>` as `virCPUDefFormatBufFull` writes a guest CPU; nothing when it says nothing.
    func writeCPU(into writer: inout XMLWriter) {
        guard let cpu else { return }
        let mode = cpu.mode ?? "custom"
        let writesMode = mode != "custom" || cpu.model != nil
        let writesModel = (mode == "custom" || mode == "host-model") && (cpu.model != nil || cpu.vendorID != nil)
        let hasChildren =
            writesModel || (cpu.vendor != nil && writesModel) || cpu.topology != nil || !cpu.features.isEmpty
            || !cpu.unknown.elements.isEmpty
        guard hasChildren || writesMode || !cpu.unknown.attributes.isEmpty else { return }
        writer.begin("cpu")
        if writesMode {
            writer.attribute("mode", mode)
            if mode == "custom" { writer.attribute("match", cpu.match ?? "exact") }
            writer.attribute("check", cpu.check)
            if mode == "host-passthrough" || mode == "maximum" { writer.attribute("migratable", cpu.migratable) }
        }
        writer.attributes(cpu.unknown.attributes)
        guard hasChildren else { return writer.endEmpty() }
        writer.endOpen()
        var kept = FragmentQueue(cpu.unknown.elements, order: .cpu)
        kept.write(before: "model", into: &writer)
        if writesModel {
            writer.begin("model")
            if cpu.model != nil { writer.attribute("fallback", cpu.fallback ?? "allow") }
            writer.attribute("vendor_id", cpu.vendorID)
            if let model = cpu.model {
                writer.endText(model, "model")
            } else {
                writer.endEmpty()
            }
            kept.write(before: "vendor", into: &writer)
            if let vendor = cpu.vendor { writer.leaf("vendor", vendor) }
        }
        kept.write(before: "topology", into: &writer)
        if let topology = cpu.topology {
            writer.begin("topology")
            writer.attribute("sockets", topology.sockets)
            writer.attribute("dies", topology.dies ?? 1)
            writer.attribute("cores", topology.cores)
            writer.attribute("threads", topology.threads)
            writer.endEmpty()
        }
        kept.write(before: "feature", into: &writer)
        for feature in cpu.features {
            writer.begin("feature")
            writer.attribute("policy", feature.policy)
            writer.attribute("name", feature.name)
            writer.endEmpty()
        }
        kept.writeRest(into: &writer)
        writer.close("cpu")
    }

    func writeOS(into writer: inout XMLWriter) {
        writer.begin("os")
        writer.attributes(os.unknown.attributes)
        writer.endOpen()
        var kept = FragmentQueue(os.unknown.elements, order: .os)
        writer.begin("type")
        writer.attribute("arch", os.arch)
        writer.attribute("machine", os.machine)
        // libvirt's Xen drivers write paravirtual guests as "linux".
        writer.endText(type == "xen" && os.type == "xen" ? "linux" : os.type, "type")
        kept.write(before: "loader", into: &writer)
        if let loader = os.loader {
            writeLoader(loader, into: &writer)
        }
        kept.write(before: "nvram", into: &writer)
        if os.nvram != nil || os.nvramTemplate != nil || !os.nvramUnknown.isEmpty {
            writer.begin("nvram")
            writer.attribute("template", os.nvramTemplate)
            writer.attributes(os.nvramUnknown.attributes)
            if let nvram = os.nvram {
                writer.endText(nvram, "nvram")
            } else {
                writer.endWithChildren(os.nvramUnknown.elements, "nvram")
            }
        }
        kept.write(before: "kernel", into: &writer)
        writer.leaf("kernel", os.kernel)
        kept.write(before: "initrd", into: &writer)
        writer.leaf("initrd", os.initrd)
        kept.write(before: "cmdline", into: &writer)
        writer.leaf("cmdline", os.cmdline)
        kept.write(before: "dtb", into: &writer)
        writer.leaf("dtb", os.dtb)
        kept.write(before: "root", into: &writer)
        writer.leaf("root", os.root)
        kept.write(before: "boot", into: &writer)
        for device in os.bootDevices {
            writer.begin("boot")
            writer.attribute("dev", device)
            writer.endEmpty()
        }
        kept.write(before: "bootmenu", into: &writer)
        if let menu = os.bootMenu {
            writer.begin("bootmenu")
            writer.attribute("enable", menu ? "yes" : "no")
            writer.attribute("timeout", os.bootMenuTimeout)
            writer.endEmpty()
        }
        kept.writeRest(into: &writer)
        writer.close("os")
    }

    /// `<loader>`: the path as text; without a path, only when it has attributes.
    private func writeLoader(_ loader: OSConfig.Loader, into writer: inout XMLWriter) {
        guard loader.path != nil || loader.readonly != nil || loader.secure != nil || loader.type != nil
            || !loader.unknown.attributes.isEmpty
        else { return }
        writer.begin("loader")
        writer.attribute("readonly", loader.readonly.map { $0 ? "yes" : "no" })
        writer.attribute("secure", loader.secure.map { $0 ? "yes" : "no" })
        writer.attribute("type", loader.type)
        writer.attributes(loader.unknown.attributes)
        if let path = loader.path {
            writer.endText(path, "loader")
        } else {
            writer.endEmpty()
        }
    }
}
