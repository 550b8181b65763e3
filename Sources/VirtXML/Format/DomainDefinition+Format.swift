extension DomainDefinition {
    /// Writes `<domain>` in libvirt's order, with kept elements placed where libvirt would put them.
    func write(into writer: inout XMLWriter, format: DefinitionFormat) {
        writer.raw("<domain")
        writer.attribute("type", type)
        if let id, !format.contains(.inactive) { writer.attribute("id", String(id)) }
        writer.attributes(unknown.attributes)
        writer.raw(">\n")
        writer.open()
        let order = ElementOrder.domain
        var kept = FragmentQueue(unknown.elements, order: order)
        func next(_ name: String, _ writer: inout XMLWriter) { kept.write(before: order.rank(name), into: &writer) }

        next("name", &writer)
        writer.leaf("name", name)
        next("uuid", &writer)
        writer.leaf("uuid", uuid.libvirtString)
        next("title", &writer)
        writer.leaf("title", title)
        next("description", &writer)
        writer.leaf("description", description)
        next("metadata", &writer)
        if let metadata { writer.fragment(metadata) }
        next("maxMemory", &writer)
        if let hotplug = memory.hotplugMaximum {
            writer.leaf("maxMemory", String(hotplug.kib), [("slots", String(hotplug.slots)), ("unit", "KiB")])
        }
        next("memory", &writer)
        writer.leaf("memory", String(memory.totalKiB), memory.unknown.attributes.map { ($0.name, $0.value) } + [("unit", "KiB")])
        next("currentMemory", &writer)
        writer.leaf("currentMemory", String(memory.currentKiB), [("unit", "KiB")])
        next("vcpu", &writer)
        writeVcpu(into: &writer)
        next("cputune", &writer)
        writeCPUTune(into: &writer)
        next("os", &writer)
        writeOS(into: &writer)
        next("features", &writer)
        writeFeatures(into: &writer)
        next("cpu", &writer)
        writeCPU(into: &writer)
        next("clock", &writer)
        writeClock(into: &writer)
        next("on_poweroff", &writer)
        writer.leaf("on_poweroff", onPoweroff.rawValue)
        next("on_reboot", &writer)
        writer.leaf("on_reboot", onReboot.rawValue)
        next("on_crash", &writer)
        writer.leaf("on_crash", onCrash.rawValue)
        next("devices", &writer)
        writeDevices(into: &writer, format: format)
        kept.writeRest(into: &writer)
        writer.close("domain")
    }

    private func writeFeatures(into writer: inout XMLWriter) {
        guard !features.isEmpty else { return }
        writer.open("features")
        let order = ElementOrder.features
        var kept = FragmentQueue(features.unknown.elements, order: order)
        for (name, present) in [("acpi", features.acpi), ("apic", features.apic), ("pae", features.pae)] where present {
            kept.write(before: order.rank(name), into: &writer)
            writer.empty(name)
        }
        kept.writeRest(into: &writer)
        writer.close("features")
    }

    private func writeClock(into writer: inout XMLWriter) {
        var attributes: [(String, String?)] = [("offset", clock.offset)]
        switch clock.offset {
        case "utc", "localtime":
            if clock.resetAdjustment { attributes.append(("adjustment", "reset")) }
        case "variable":
            attributes.append(("adjustment", String(clock.adjustment ?? 0)))
            attributes.append(("basis", clock.basis ?? "utc"))
        case "timezone":
            attributes.append(("timezone", clock.timezone))
        case "absolute":
            attributes.append(("start", String(clock.start ?? 0)))
        default:
            break
        }
        writer.element("clock", attributes, extra: clock.unknown.attributes, children: clock.unknown.elements)
    }
}

extension XMLWriter {
    /// The opening tag's line has been written by hand; indent what follows.
    mutating func open() { depthIncrease() }

    /// An element with attributes and kept children only: `<name .../>` or `<name ...>` + children + close.
    mutating func element(
        _ name: String, _ attrs: [(String, String?)], extra: [XMLAttribute] = [], children: [XMLFragment]
    ) {
        if children.isEmpty {
            empty(name, attrs, extra: extra)
        } else {
            open(name, attrs, extra: extra)
            for child in children { fragment(child) }
            close(name)
        }
    }
}
