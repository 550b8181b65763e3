extension DomainDefinition {
    /// Writes `<domain>` in libvirt's order, with kept elements placed where libvirt would put them.
    func write(into writer: inout XMLWriter, format: DefinitionFormat) {
        writer.raw("<domain")
        writer.attribute("type", type)
        if !format.contains(.inactive) { writer.attribute("id", id) }
        writer.attributes(unknown.attributes)
        writer.raw(">\n")
        writer.open()
        var kept = FragmentQueue(unknown.elements, order: .domain)

        kept.write(before: "name", into: &writer)
        writer.leaf("name", name)
        kept.write(before: "uuid", into: &writer)
        writer.leaf("uuid", uuid.libvirtString)
        kept.write(before: "title", into: &writer)
        writer.leaf("title", title)
        kept.write(before: "description", into: &writer)
        writer.leaf("description", description)
        kept.write(before: "metadata", into: &writer)
        if let metadata { writer.fragment(metadata) }
        kept.write(before: "maxMemory", into: &writer)
        if let hotplug = memory.hotplugMaximum {
            writer.begin("maxMemory")
            writer.attribute("slots", hotplug.slots)
            writer.attribute("unit", "KiB")
            writer.endText(hotplug.kib, "maxMemory")
        }
        kept.write(before: "memory", into: &writer)
        writer.begin("memory")
        writer.attributes(memory.unknown.attributes)
        writer.attribute("unit", "KiB")
        writer.endText(memory.totalKiB, "memory")
        kept.write(before: "currentMemory", into: &writer)
        writer.begin("currentMemory")
        writer.attribute("unit", "KiB")
        writer.endText(memory.currentKiB, "currentMemory")
        kept.write(before: "vcpu", into: &writer)
        writeVcpu(into: &writer)
        kept.write(before: "cputune", into: &writer)
        writeCPUTune(into: &writer)
        kept.write(before: "os", into: &writer)
        writeOS(into: &writer)
        kept.write(before: "features", into: &writer)
        writeFeatures(into: &writer)
        kept.write(before: "cpu", into: &writer)
        writeCPU(into: &writer)
        kept.write(before: "clock", into: &writer)
        writeClock(into: &writer)
        kept.write(before: "on_poweroff", into: &writer)
        writer.leaf("on_poweroff", onPoweroff.rawValue)
        kept.write(before: "on_reboot", into: &writer)
        writer.leaf("on_reboot", onReboot.rawValue)
        kept.write(before: "on_crash", into: &writer)
        writer.leaf("on_crash", onCrash.rawValue)
        kept.write(before: "devices", into: &writer)
        writeDevices(into: &writer, format: format)
        kept.writeRest(into: &writer)
        writer.close("domain")
    }

    private func writeFeatures(into writer: inout XMLWriter) {
        guard !features.isEmpty else { return }
        writer.open("features")
        var kept = FragmentQueue(features.unknown.elements, order: .features)
        if features.acpi {
            kept.write(before: "acpi", into: &writer)
            writer.empty("acpi")
        }
        if features.apic {
            kept.write(before: "apic", into: &writer)
            writer.empty("apic")
        }
        if features.pae {
            kept.write(before: "pae", into: &writer)
            writer.empty("pae")
        }
        kept.writeRest(into: &writer)
        writer.close("features")
    }

    private func writeClock(into writer: inout XMLWriter) {
        writer.begin("clock")
        writer.attribute("offset", clock.offset)
        switch clock.offset {
        case "utc", "localtime":
            if clock.resetAdjustment { writer.attribute("adjustment", "reset") }
        case "variable":
            writer.attribute("adjustment", clock.adjustment ?? 0)
            writer.attribute("basis", clock.basis ?? "utc")
        case "timezone":
            writer.attribute("timezone", clock.timezone)
        case "absolute":
            writer.attribute("start", clock.start ?? 0)
        default:
            break
        }
        writer.attributes(clock.unknown.attributes)
        writer.endWithChildren(clock.unknown.elements, "clock")
    }
}
