extension Disk {
    func write(into writer: inout XMLWriter) {
        writer.begin("disk")
        writer.attribute("type", type)
        writer.attribute("device", device)
        writer.attributes(unknown.attributes)
        writer.endOpen()
        var kept = FragmentQueue(unknown.elements, order: .disk)
        kept.write(before: "driver", into: &writer)
        let driver = writer.beginPart("driver")
        writer.attribute("name", driverName)
        writer.attribute("type", driverType)
        writer.attribute("cache", driverCache)
        writer.endPart(driver, "driver", unknown: childUnknown["driver"])
        kept.write(before: "source", into: &writer)
        let sourcePart = writer.beginPart("source")
        writer.attribute(named: DomainParser.diskSourceAttribute(type) ?? "file", source)
        writer.endPart(sourcePart, "source", unknown: childUnknown["source"])
        kept.write(before: "target", into: &writer)
        let target = writer.beginPart("target")
        writer.attribute("dev", targetDev)
        writer.attribute("bus", targetBus)
        writer.endPart(target, "target", unknown: childUnknown["target"])
        kept.write(before: "readonly", into: &writer)
        if readonly { writer.empty("readonly") }
        kept.write(before: "shareable", into: &writer)
        if shareable { writer.empty("shareable") }
        writer.bootOrder(bootOrder, kept: &kept)
        writer.finishDevice("disk", address: address, kept: &kept)
    }
}

extension Interface {
    func write(into writer: inout XMLWriter) {
        writer.begin("interface")
        writer.attribute("type", type)
        writer.attributes(unknown.attributes)
        writer.endOpen()
        var kept = FragmentQueue(unknown.elements, order: .interface)
        kept.write(before: "mac", into: &writer)
        let macPart = writer.beginPart("mac")
        writer.attribute("address", mac)
        writer.endPart(macPart, "mac", unknown: childUnknown["mac"])
        kept.write(before: "source", into: &writer)
        let source = writer.beginPart("source")
        switch type {
        case "network": writer.attribute("network", sourceNetwork)
        case "bridge": writer.attribute("bridge", sourceBridge)
        case "direct": writer.attribute("dev", sourceBridge)
        default: break
        }
        writer.endPart(source, "source", unknown: childUnknown["source"])
        kept.write(before: "target", into: &writer)
        let target = writer.beginPart("target")
        writer.attribute("dev", targetDev)
        writer.endPart(target, "target", unknown: childUnknown["target"])
        kept.write(before: "model", into: &writer)
        let modelPart = writer.beginPart("model")
        writer.attribute("type", model)
        writer.endPart(modelPart, "model", unknown: childUnknown["model"])
        writer.bootOrder(bootOrder, kept: &kept)
        writer.finishDevice("interface", address: address, kept: &kept)
    }
}

extension CharDevice {
    /// `<serial>` / `<console>`; a pty's path is run-time state and only written for a running domain.
    func write(into writer: inout XMLWriter, kind: DomainParser.CharKind, live: Bool) {
        let element: StaticString = kind == .console ? "console" : "serial"
        writer.begin(element)
        writer.attribute("type", type)
        // libvirt keeps the legacy <console tty=...> for the first pty console of a running domain.
        if kind == .console, targetPort == 0, type == "pty", live { writer.attribute("tty", sourcePath) }
        writer.attributes(unknown.attributes)
        writer.endOpen()
        var kept = FragmentQueue(unknown.elements, order: .charDevice)
        kept.write(before: "source", into: &writer)
        let source = writer.beginPart("source")
        if type != "pty" || live { writer.attribute("path", sourcePath) }
        writer.endPart(source, "source", unknown: childUnknown["source"])
        kept.write(before: "target", into: &writer)
        let target = childUnknown["target"]
        writer.begin("target")
        writer.attribute("type", targetType)
        writer.attribute("port", targetPort ?? 0)
        writer.attributes(target?.attributes ?? [])
        writer.endWithChildren(target?.elements ?? [], "target")
        kept.writeRest(into: &writer)
        writer.close(element)
    }
}
