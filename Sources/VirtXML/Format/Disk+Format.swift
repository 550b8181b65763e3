extension Disk {
    func write(into writer: inout XMLWriter) {
        writer.open("disk", [("type", type), ("device", device)], extra: unknown.attributes)
        let order = ElementOrder.disk
        var kept = FragmentQueue(unknown.elements, order: order)
        kept.write(before: order.rank("driver"), into: &writer)
        writer.part(
            "driver", [("name", driverName), ("type", driverType), ("cache", driverCache)],
            unknown: childUnknown["driver"])
        kept.write(before: order.rank("source"), into: &writer)
        let sourceKey = DomainParser.diskSourceAttribute(type) ?? "file"
        writer.part("source", [(sourceKey, source)], unknown: childUnknown["source"])
        kept.write(before: order.rank("target"), into: &writer)
        writer.part("target", [("dev", targetDev), ("bus", targetBus)], unknown: childUnknown["target"])
        kept.write(before: order.rank("readonly"), into: &writer)
        if readonly { writer.empty("readonly") }
        kept.write(before: order.rank("shareable"), into: &writer)
        if shareable { writer.empty("shareable") }
        kept.write(before: order.rank("boot"), into: &writer)
        if let bootOrder { writer.empty("boot", [("order", String(bootOrder))]) }
        kept.write(before: order.rank("address"), into: &writer)
        if let address { writer.fragment(address.fragment) }
        kept.writeRest(into: &writer)
        writer.close("disk")
    }
}

extension Interface {
    func write(into writer: inout XMLWriter) {
        writer.open("interface", [("type", type)], extra: unknown.attributes)
        let order = ElementOrder.interface
        var kept = FragmentQueue(unknown.elements, order: order)
        kept.write(before: order.rank("mac"), into: &writer)
        writer.part("mac", [("address", mac)], unknown: childUnknown["mac"])
        kept.write(before: order.rank("source"), into: &writer)
        var sourceAttributes: [(String, String?)] = []
        switch type {
        case "network": sourceAttributes = [("network", sourceNetwork)]
        case "bridge": sourceAttributes = [("bridge", sourceBridge)]
        case "direct": sourceAttributes = [("dev", sourceBridge)]
        default: break
        }
        writer.part("source", sourceAttributes, unknown: childUnknown["source"])
        kept.write(before: order.rank("target"), into: &writer)
        writer.part("target", [("dev", targetDev)], unknown: childUnknown["target"])
        kept.write(before: order.rank("model"), into: &writer)
        writer.part("model", [("type", model)], unknown: childUnknown["model"])
        kept.write(before: order.rank("boot"), into: &writer)
        if let bootOrder { writer.empty("boot", [("order", String(bootOrder))]) }
        kept.write(before: order.rank("address"), into: &writer)
        if let address { writer.fragment(address.fragment) }
        kept.writeRest(into: &writer)
        writer.close("interface")
    }
}

extension CharDevice {
    /// `<serial>` / `<console>`; a pty's path is run-time state and only written for a running domain.
    func write(into writer: inout XMLWriter, element: String, live: Bool) {
        // libvirt keeps the legacy <console tty=...> for the first pty console of a running domain.
        let tty = element == "console" && targetPort == 0 && type == "pty" && live ? sourcePath : nil
        writer.open(element, [("type", type), ("tty", tty)], extra: unknown.attributes)
        let order = ElementOrder.charDevice
        var kept = FragmentQueue(unknown.elements, order: order)
        kept.write(before: order.rank("source"), into: &writer)
        let path = type == "pty" && !live ? nil : sourcePath
        writer.part("source", [("path", path)], unknown: childUnknown["source"])
        kept.write(before: order.rank("target"), into: &writer)
        writer.element(
            "target", [("type", targetType), ("port", targetPort.map { String($0) } ?? "0")],
            extra: childUnknown["target"]?.attributes ?? [], children: childUnknown["target"]?.elements ?? [])
        kept.writeRest(into: &writer)
        writer.close(element)
    }
}
