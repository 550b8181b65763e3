extension DomainDefinition {
    func writeVcpu(into writer: inout XMLWriter) {
        var attributes: [(String, String?)] = [("placement", vcpu.placement.rawValue), ("cpuset", vcpu.cpuset)]
        if let current = vcpu.current, current != vcpu.maximum { attributes.append(("current", String(current))) }
        attributes += vcpu.unknown.attributes.map { ($0.name, $0.value) }
        writer.leaf("vcpu", String(vcpu.maximum), attributes)
    }

    func writeCPUTune(into writer: inout XMLWriter) {
        guard !cputune.isEmpty else { return }
        writer.open("cputune", extra: cputune.unknown.attributes)
        let order = ElementOrder.cputune
        var kept = FragmentQueue(cputune.unknown.elements, order: order)
        kept.write(before: order.rank("vcpupin"), into: &writer)
        for pin in cputune.vcpuPins {
            writer.empty("vcpupin", [("vcpu", String(pin.vcpu)), ("cpuset", pin.cpuset)])
        }
        kept.write(before: order.rank("emulatorpin"), into: &writer)
        if let emulatorPin = cputune.emulatorPin { writer.empty("emulatorpin", [("cpuset", emulatorPin)]) }
        kept.writeRest(into: &writer)
        writer.close("cputune")
    }

    /// `<cpu>` as `virCPUDefFormatBufFull` writes a guest CPU; nothing when it says nothing.
    func writeCPU(into writer: inout XMLWriter) {
        guard let cpu else { return }
        let mode = cpu.mode ?? "custom"
        var attributes: [(String, String?)] = []
        if mode != "custom" || cpu.model != nil {
            attributes.append(("mode", mode))
            if mode == "custom" { attributes.append(("match", cpu.match ?? "exact")) }
            attributes.append(("check", cpu.check))
            if mode == "host-passthrough" || mode == "maximum" { attributes.append(("migratable", cpu.migratable)) }
        }
        let writesModel = (mode == "custom" || mode == "host-model") && (cpu.model != nil || cpu.vendorID != nil)
        let hasChildren =
            writesModel || (cpu.vendor != nil && writesModel) || cpu.topology != nil || !cpu.features.isEmpty
            || !cpu.unknown.elements.isEmpty
        let hasAttributes = attributes.contains { $0.1 != nil } || !cpu.unknown.attributes.isEmpty
        guard hasChildren || hasAttributes else { return }
        guard hasChildren else {
            writer.empty("cpu", attributes, extra: cpu.unknown.attributes)
            return
        }
        writer.open("cpu", attributes, extra: cpu.unknown.attributes)
        let order = ElementOrder.cpu
        var kept = FragmentQueue(cpu.unknown.elements, order: order)
        kept.write(before: order.rank("model"), into: &writer)
        if writesModel {
            let modelAttributes: [(String, String?)] = [
                ("fallback", cpu.model == nil ? nil : cpu.fallback ?? "allow"), ("vendor_id", cpu.vendorID),
            ]
            if let model = cpu.model {
                writer.leaf("model", model, modelAttributes)
            } else {
                writer.empty("model", modelAttributes)
            }
            kept.write(before: order.rank("vendor"), into: &writer)
            if let vendor = cpu.vendor { writer.leaf("vendor", vendor) }
        }
        kept.write(before: order.rank("topology"), into: &writer)
        if let topology = cpu.topology {
            writer.empty(
                "topology",
                [
                    ("sockets", String(topology.sockets)), ("dies", String(topology.dies ?? 1)),
                    ("cores", String(topology.cores)), ("threads", String(topology.threads)),
                ])
        }
        kept.write(before: order.rank("feature"), into: &writer)
        for feature in cpu.features {
            writer.empty("feature", [("policy", feature.policy), ("name", feature.name)])
        }
        kept.writeRest(into: &writer)
        writer.close("cpu")
    }

    func writeOS(into writer: inout XMLWriter) {
        writer.open("os", extra: os.unknown.attributes)
        let order = ElementOrder.os
        var kept = FragmentQueue(os.unknown.elements, order: order)
        // libvirt's Xen drivers write paravirtual guests as "linux".
        let typeText = type == "xen" && os.type == "xen" ? "linux" : os.type
        writer.leaf("type", typeText, [("arch", os.arch), ("machine", os.machine)])
        kept.write(before: order.rank("loader"), into: &writer)
        if let loader = os.loader {
            let attributes: [(String, String?)] = [
                ("readonly", loader.readonly.map { $0 ? "yes" : "no" }),
                ("secure", loader.secure.map { $0 ? "yes" : "no" }), ("type", loader.type),
            ]
            if let path = loader.path {
                writer.leaf("loader", path, attributes + loader.unknown.attributes.map { ($0.name, $0.value) })
            } else if attributes.contains(where: { $0.1 != nil }) || !loader.unknown.attributes.isEmpty {
                writer.empty("loader", attributes, extra: loader.unknown.attributes)
            }
        }
        kept.write(before: order.rank("nvram"), into: &writer)
        if let nvram = os.nvram {
            writer.leaf("nvram", nvram, [("template", os.nvramTemplate)] + os.nvramUnknown.attributes.map { ($0.name, $0.value) })
        } else if os.nvramTemplate != nil || !os.nvramUnknown.isEmpty {
            writer.element(
                "nvram", [("template", os.nvramTemplate)], extra: os.nvramUnknown.attributes,
                children: os.nvramUnknown.elements)
        }
        for (name, value) in [
            ("kernel", os.kernel), ("initrd", os.initrd), ("cmdline", os.cmdline), ("dtb", os.dtb), ("root", os.root),
        ] {
            kept.write(before: order.rank(name), into: &writer)
            writer.leaf(name, value)
        }
        kept.write(before: order.rank("boot"), into: &writer)
        for device in os.bootDevices { writer.empty("boot", [("dev", device)]) }
        kept.write(before: order.rank("bootmenu"), into: &writer)
        if let menu = os.bootMenu {
            writer.empty(
                "bootmenu", [("enable", menu ? "yes" : "no"), ("timeout", os.bootMenuTimeout.map { String($0) })])
        }
        kept.writeRest(into: &writer)
        writer.close("os")
    }
}
