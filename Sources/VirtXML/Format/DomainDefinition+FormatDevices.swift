extension DomainDefinition {
    /// `<devices>`: each kind in libvirt's order, kept devices in their kind's place.
    func writeDevices(into writer: inout XMLWriter, format: DefinitionFormat) {
        writer.begin("devices")
        writer.attributes(devices.unknown.attributes)
        writer.endOpen()
        var kept = FragmentQueue(devices.unknown.elements, order: .devices)
        kept.write(before: "emulator", into: &writer)
        writer.leaf("emulator", devices.emulator)
        kept.write(before: "disk", into: &writer)
        for disk in devices.disks { disk.write(into: &writer) }
        kept.write(before: "controller", into: &writer)
        for controller in devices.controllers { controller.write(into: &writer) }
        kept.write(before: "interface", into: &writer)
        for interface in devices.interfaces { interface.write(into: &writer) }
        let live = !format.contains(.inactive) && id != nil
        kept.write(before: "serial", into: &writer)
        for serial in devices.serials { serial.write(into: &writer, kind: .serial, live: live) }
        kept.write(before: "console", into: &writer)
        for console in devices.consoles { console.write(into: &writer, kind: .console, live: live) }
        kept.write(before: "input", into: &writer)
        for input in devices.inputs {
            writer.begin("input")
            writer.attribute("type", input.type)
            writer.attribute("bus", input.bus)
            writer.attributes(input.unknown.attributes)
            writer.endWithChildren(input.unknown.elements, "input")
        }
        kept.write(before: "graphics", into: &writer)
        for graphics in devices.graphics { graphics.write(into: &writer, format: format, live: id != nil) }
        kept.write(before: "video", into: &writer)
        for video in devices.videos { video.write(into: &writer) }
        kept.write(before: "memballoon", into: &writer)
        if let balloon = devices.memballoon {
            writer.begin("memballoon")
            writer.attribute("model", balloon.model)
            var children = balloon.unknown
            if balloon.statsPeriod > 0 {
                children.elements.append(XMLFragment(xml: "<stats period='\(balloon.statsPeriod)'/>"))
            }
            writer.endDevice(unknown: children, address: balloon.address, order: .leafDevice, "memballoon")
        }
        kept.write(before: "panic", into: &writer)
        for panic in devices.panics {
            writer.begin("panic")
            writer.attribute("model", panic.model)
            writer.endDevice(unknown: panic.unknown, address: panic.address, order: .leafDevice, "panic")
        }
        kept.writeRest(into: &writer)
        writer.close("devices")
    }
}

extension XMLWriter {
    /// `<address type=... .../>` on a line of its own.
    mutating func address(_ address: DeviceAddress) {
        begin("address")
        attribute("type", address.type)
        attributes(address.attributes)
        endEmpty()
    }

    /// Ends the start tag of a device whose content is its kept children and its address, in libvirt's
    /// order; `/>` when it has neither.
    mutating func endDevice(unknown: UnknownXML, address: DeviceAddress?, order: ElementOrder, _ name: StaticString) {
        attributes(unknown.attributes)
        guard address != nil || !unknown.elements.isEmpty else { return endEmpty() }
        endOpen()
        var kept = FragmentQueue(unknown.elements, order: order)
        finishDevice(name, address: address, kept: &kept)
    }

    /// `<boot order=.../>` when the device has one, after the kept children libvirt writes before it.
    mutating func bootOrder(_ order: UInt32?, kept: inout FragmentQueue) {
        kept.write(before: "boot", into: &self)
        guard let order else { return }
        begin("boot")
        attribute("order", order)
        endEmpty()
    }

    /// The end of a device: its address, the kept children around it in libvirt's order, the end tag.
    mutating func finishDevice(_ name: StaticString, address: DeviceAddress?, kept: inout FragmentQueue) {
        if let address {
            // Kept children of the address's rank (a repeated <address>) go before the parsed one.
            kept.write(through: "address", into: &self)
            self.address(address)
        }
        kept.writeRest(into: &self)
        close(name)
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
