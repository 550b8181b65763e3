import VirtModel

extension DomainParser {
    static let diskBuses: [String] = ["ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd"]

    /// The `<source>` attribute holding the path for each local disk type.
    static func diskSourceAttribute(_ type: DiskType) -> String? {
        switch type {
        case .file: "file"
        case .block: "dev"
        case .directory: "dir"
        default: nil
        }
    }

    /// `<disk>`: source, device, target, driver, readonly/shareable, boot order and address.
    func parseDisk(_ node: Node) throws(VirtError) -> Disk {
        let type = DiskType(rawValue: try node.enumeration(
            "type", ["file", "block", "dir", "network", "volume", "nvme", "vhostuser"]) ?? "file")
        let sourceNode = node.child("source")
        let sourceKey = Self.diskSourceAttribute(type)
        let source = sourceKey.flatMap { sourceNode?.attribute($0) }
        let device = DiskDevice(rawValue: try node.enumeration("device", ["disk", "cdrom", "floppy", "lun"]) ?? "disk")
        let targetNode = node.child("target")
        let targetBus = try targetNode?.enumeration("bus", Self.diskBuses)
        var disk = Disk(
            type: type, device: device, source: source, targetDev: targetNode?.attribute("dev") ?? "",
            targetBus: targetBus)
        if let sourceNode {
            disk.keep(sourceNode.leftovers(knownAttributes: sourceKey.map { [$0] } ?? [], depth: 3), of: "source")
        }
        if let targetNode {
            disk.keep(targetNode.leftovers(knownAttributes: ["dev", "bus"], depth: 3), of: "target")
        }
        let driverNode = node.child("driver")
        if let driverNode {
            disk.driverName = driverNode.attribute("name")
            disk.driverType = driverNode.attribute("type")
            disk.driverCache = try driverNode.enumeration(
                "cache", ["default", "none", "writethrough", "writeback", "directsync", "unsafe"])
            if disk.driverCache == "default" { disk.driverCache = nil }
            disk.keep(driverNode.leftovers(knownAttributes: ["name", "type", "cache"], depth: 3), of: "driver")
        }
        let readonlyNode = node.child("readonly")
        let shareableNode = node.child("shareable")
        disk.readonly = readonlyNode != nil
        disk.shareable = shareableNode != nil
        let bootNode = node.child("boot")
        disk.bootOrder = try parseBootOrder(bootNode)
        let addressNode = node.child("address")
        disk.address = try addressNode.map { n throws(VirtError) in try parseAddress(n) }
        disk.unknown = node.leftovers(
            knownAttributes: ["type", "device"],
            consumed: [sourceNode, targetNode, driverNode, readonlyNode, shareableNode, bootNode, addressNode],
            depth: 2)
        return disk
    }
}

extension Disk {
    /// Keeps what a sub-element held that the model does not know; nothing is recorded when it held nothing.
    fileprivate mutating func keep(_ leftovers: UnknownXML, of child: String) {
        if !leftovers.isEmpty { childUnknown[child] = leftovers }
    }
}
