extension UnknownXML {
    /// Puts kept elements in the order they are written back, so a definition read from its own output
    /// equals the original.
    mutating func sort(by order: ElementOrder) {
        guard elements.count > 1 else { return }
        elements = FragmentQueue.sorted(elements, order: order)
    }
}

extension DomainDefinition {
    /// Orders every list of kept elements as the formatter writes them.
    mutating func sortKeptElements() {
        unknown.sort(by: .domain)
        os.unknown.sort(by: .os)
        features.unknown.sort(by: .features)
        cputune.unknown.sort(by: .cputune)
        cpu?.unknown.sort(by: .cpu)
        devices.unknown.sort(by: .devices)
        for index in devices.disks.indices { devices.disks[index].unknown.sort(by: .disk) }
        for index in devices.interfaces.indices { devices.interfaces[index].unknown.sort(by: .interface) }
        for index in devices.serials.indices { devices.serials[index].unknown.sort(by: .charDevice) }
        for index in devices.consoles.indices { devices.consoles[index].unknown.sort(by: .charDevice) }
        for index in devices.graphics.indices { devices.graphics[index].unknown.sort(by: .graphics) }
        for index in devices.videos.indices { devices.videos[index].unknown.sort(by: .video) }
        for index in devices.controllers.indices { devices.controllers[index].unknown.sort(by: .controller) }
        devices.memballoon?.unknown.sort(by: .leafDevice)
        for index in devices.panics.indices { devices.panics[index].unknown.sort(by: .leafDevice) }
    }
}
