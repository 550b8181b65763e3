import VirtModel

extension DomainParser {
    /// `<devices>`: each kind in the order libvirt reads them; kinds the model does not know are kept.
    func parseDevices(_ node: Node, emulator: String?) throws(VirtError) -> Devices {
        var devices = Devices()
        devices.emulator = emulator
        var unknown: [Node] = []
        var emulatorSeen = false
        for child in node.elements {
            if child.isPlain, child.named("emulator"), !emulatorSeen {
                emulatorSeen = true
            } else if !child.isPlain || !Self.modelledDevices.contains(where: { child.named($0) }) {
                unknown.append(child)
            }
        }
        // The children called `name`, in document order.
        func all(_ name: StaticString) -> some Sequence<Node> {
            node.elements.lazy.filter { $0.isPlain && $0.named(name) }
        }
        for disk in all("disk") {
            insert(try parseDisk(disk), into: &devices.disks)
        }
        for controller in all("controller") {
            devices.insertController(try parseController(controller))
        }
        for interface in all("interface") {
            devices.interfaces.append(try parseInterface(interface))
        }
        for serial in all("serial") {
            devices.serials.append(try parseCharDevice(serial, kind: .serial))
        }
        for (index, console) in all("console").enumerated() {
            var device = try parseCharDevice(console, kind: .console)
            device.targetPort = UInt32(index)
            devices.consoles.append(device)
        }
        for input in all("input") {
            devices.inputs.append(try parseInput(input))
        }
        for graphics in all("graphics") {
            devices.graphics.append(try parseGraphics(graphics))
        }
        for video in all("video") {
            let parsed = try parseVideo(video)
            if parsed.primary { devices.videos.insert(parsed, at: 0) } else { devices.videos.append(parsed) }
        }
        var balloons = all("memballoon").makeIterator()
        if let balloon = balloons.next() {
            if balloons.next() != nil { throw DomainError.internal("only a single memory balloon device is supported") }
            devices.memballoon = try parseMemballoon(balloon)
        }
        for panic in all("panic") {
            devices.panics.append(try parsePanic(panic))
        }
        devices.unknown.attributes = node.unknownAttributes(known: [])
        devices.unknown.elements = unknown.map { $0.fragment(depth: 2) }
        return devices
    }

    /// The device kinds the model reads, each in its own pass over `<devices>` in libvirt's order.
    private static let modelledDevices: [StaticString] = [
        "disk", "controller", "interface", "serial", "console", "input", "graphics", "video", "memballoon", "panic",
    ]

    /// libvirt keeps disks of one bus sorted by target index (`virDomainDiskInsert`).
    private func insert(_ disk: Disk, into disks: inout [Disk]) {
        var insertAt: Int?
        let index = DiskName.index(disk.targetDev)
        for position in stride(from: disks.count - 1, through: 0, by: -1) where disks[position].targetBus == disk.targetBus {
            if !disks[position].targetDev.isEmpty, !disk.targetDev.isEmpty,
                DiskName.index(disks[position].targetDev) > index
            {
                insertAt = position
            } else if insertAt == nil {
                insertAt = position + 1
            }
        }
        disks.insert(disk, at: insertAt ?? disks.count)
    }

    /// `<address>` with libvirt's checks; PCI, drive, virtio-serial and ccid addresses are normalised
    /// the way libvirt writes them, other types are kept as written.
    func parseAddress(_ node: Node) throws(VirtError) -> DeviceAddress {
        guard let type = node.attribute("type") else {
            throw DomainError.internal("No type specified for device address")
        }
        var address = DeviceAddress(type: type)
        switch type {
        case "pci":
            let domain = try node.unsigned("domain", base: 0) ?? 0
            let bus = try node.unsigned("bus", base: 0) ?? 0
            let slot = try node.unsigned("slot", base: 0) ?? 0
            let function = try node.unsigned("function", base: 0) ?? 0
            let multifunction = try node.onOff("multifunction")
            let empty = domain == 0 && bus == 0 && slot == 0 && function == 0
            if !empty {
                if bus > 0xFF {
                    throw VirtError(.xmlError, .none, "Invalid PCI address bus='0x\(hex(bus))', must be <= 0xFF")
                }
                if slot > 0x1F {
                    throw VirtError(.xmlError, .none, "Invalid PCI address slot='0x\(hex(slot))', must be <= 0x1F")
                }
                if function > 7 {
                    throw VirtError(.xmlError, .none, "Invalid PCI address function=0x\(hex(function)), must be <= 7")
                }
                if domain == 0 && bus == 0 && slot == 0 {
                    throw VirtError(
                        .xmlError, .none,
                        "Invalid PCI address 0000:00:00, at least one of domain, bus, or slot must be > 0")
                }
                address.attributes = [
                    XMLAttribute(name: "domain", value: "0x" + hex(domain, width: 4)),
                    XMLAttribute(name: "bus", value: "0x" + hex(bus, width: 2)),
                    XMLAttribute(name: "slot", value: "0x" + hex(slot, width: 2)),
                    XMLAttribute(name: "function", value: "0x\(function)"),
                ]
            }
            if let multifunction { address.attributes.append(XMLAttribute(name: "multifunction", value: multifunction)) }
            address.attributes += node.unknownAttributes(known: ["type", "domain", "bus", "slot", "function", "multifunction"])
        case "drive":
            address.attributes = try decimalAttributes(node, ["controller", "bus", "target", "unit"])
        case "virtio-serial":
            address.attributes = try decimalAttributes(node, ["controller", "bus", "port"])
        case "ccid":
            address.attributes = try decimalAttributes(node, ["controller", "slot"])
        case "usb", "spapr-vio", "virtio-s390", "ccw", "virtio-mmio", "isa", "dimm", "unassigned":
            address.attributes = node.unknownAttributes(known: ["type"])
        default:
            throw DomainError.unsupported("unknown address type '\(type)'")
        }
        return address
    }

    private func decimalAttributes(_ node: Node, _ names: [String]) throws(VirtError) -> [XMLAttribute] {
        var result: [XMLAttribute] = []
        for name in names {
            result.append(XMLAttribute(name: name, value: String(try node.unsigned(name) ?? 0)))
        }
        return result + node.unknownAttributes(known: names + ["type"])
    }

    /// `<boot order=>` of a device.
    func parseBootOrder(_ node: Node?) throws(VirtError) -> UInt32? {
        guard let node else { return nil }
        return try node.unsigned("order", required: true, nonZero: true)
    }
}

private func hex(_ value: UInt32, width: Int = 0) -> String {
    let digits = String(value, radix: 16)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

/// libvirt's disk names ("hda", "vdb", "sdaa1"), their indexes and partitions (`virDiskNameParse`).
public enum DiskName {
    private static let prefixes = ["fd", "hd", "vd", "sd", "xvd", "ubd"]

    /// The drive index, or -1 when the name is not a disk name.
    static func index(_ name: String) -> Int {
        parse(name)?.index ?? -1
    }

    /// The drive index ("xvdb": 1, "sdaa": 26) and partition ("xvda3": 3, none: 0); nil when the name is
    /// not a disk name.
    public static func parse(_ name: String) -> (index: Int, partition: Int)? {
        guard let prefix = prefixes.first(where: { name.hasPrefix($0) }) else { return nil }
        let rest = Array(name.utf8.dropFirst(prefix.utf8.count))
        guard let first = rest.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return nil }
        var index = 0
        var position = 0
        while position < rest.count, rest[position] >= UInt8(ascii: "a"), rest[position] <= UInt8(ascii: "z") {
            index = (index + (position < 1 ? 0 : 1)) * 26
            index += Int(rest[position] - UInt8(ascii: "a"))
            if index > Int(Int32.max) { return nil }
            position += 1
        }
        let digits = rest[position...]
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        if digits.isEmpty { return (index, 0) }
        guard let partition = Int32(String(decoding: digits, as: UTF8.self)) else { return nil }
        return (index, Int(partition))
    }
}
