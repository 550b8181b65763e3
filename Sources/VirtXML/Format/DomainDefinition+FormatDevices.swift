extension DomainDefinition {
    /// `<devices>`: each kind in libvirt's order, kept devices in their kind's place.
    func writeDevices(into writer: inout XMLWriter, format: DefinitionFormat) {
        writer.open("devices", extra: devices.unknown.attributes)
        let order = ElementOrder.devices
        var kept = FragmentQueue(devices.unknown.elements, order: order)
        func next(_ name: String, _ writer: inout XMLWriter) { kept.write(before: order.rank(name), into: &writer) }
        next("emulator", &writer)
        writer.leaf("emulator", devices.emulator)
        next("disk", &writer)
        for disk in devices.disks { disk.write(into: &writer) }
        next("controller", &writer)
        for controller in devices.controllers { controller.write(into: &writer) }
        next("interface", &writer)
        for interface in devices.interfaces { interface.write(into: &writer) }
        next("serial", &writer)
        for serial in devices.serials { serial.write(into: &writer, element: "serial", live: !format.contains(.inactive) && id != nil) }
        next("console", &writer)
        for console in devices.consoles {
            console.write(into: &writer, element: "console", live: !format.contains(.inactive) && id != nil)
        }
        next("input", &writer)
        for input in devices.inputs {
            writer.element(
                "input", [("type", input.type), ("bus", input.bus)], extra: input.unknown.attributes,
                children: input.unknown.elements)
        }
        next("graphics", &writer)
        for graphics in devices.graphics { graphics.write(into: &writer, format: format, live: id != nil) }
        next("video", &writer)
        for video in devices.videos { video.write(into: &writer) }
        next("memballoon", &writer)
        if let balloon = devices.memballoon {
            var children = balloon.unknown.elements
            if let address = balloon.address { children.append(address.fragment) }
            writer.element(
                "memballoon", [("model", balloon.model)], extra: balloon.unknown.attributes,
                children: FragmentQueue.sorted(children, order: .leafDevice))
        }
        kept.writeRest(into: &writer)
        writer.close("devices")
    }
}

extension DeviceAddress {
    /// `<address type=... .../>` as one line.
    var fragment: XMLFragment {
        var writer = XMLWriter(capacity: 96)
        writer.raw("<address")
        writer.attribute("type", type)
        writer.attributes(attributes)
        writer.raw("/>")
        return XMLFragment(xml: writer.string)
    }
}

extension FragmentQueue {
    /// Fragments in the order libvirt writes them.
    static func sorted(_ fragments: [XMLFragment], order: ElementOrder) -> [XMLFragment] {
        fragments.enumerated()
            .sorted { (order.rank(of: $0.element), $0.offset) < (order.rank(of: $1.element), $1.offset) }
            .map(\.element)
    }
}

extension XMLWriter {
    /// A sub-element with its kept attributes and children; skipped when it would say nothing.
    mutating func part(_ name: String, _ attrs: [(String, String?)], unknown: UnknownXML?) {
        let extra = unknown?.attributes ?? []
        let children = unknown?.elements ?? []
        guard attrs.contains(where: { $0.1 != nil }) || !extra.isEmpty || !children.isEmpty else { return }
        element(name, attrs, extra: extra, children: children)
    }
}
