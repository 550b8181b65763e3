import VirtModel

extension DomainParser {
    enum CharKind { case serial, console }

    static let charTypes: [String] = [
        "null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp", "tcp", "unix", "spicevmc", "spiceport", "nmdm",
        "qemu-vdagent", "dbus",
    ]
    static let serialTargets: [String] = [
        "none", "isa-serial", "usb-serial", "pci-serial", "spapr-vio-serial", "system-serial", "sclp-serial", "isa-debug",
    ]
    static let consoleTargets: [String] = ["none", "serial", "xen", "uml", "virtio", "lxc", "openvz", "sclp", "sclplm"]

    /// `<serial>` / `<console>`: type, source path (file, dev, pipe; pty only when live), target type and port.
    func parseCharDevice(_ node: Node, kind: CharKind) throws(VirtError) -> CharDevice {
        let typeText = node.attribute("type")
        if let typeText, !Self.charTypes.contains(typeText) {
            throw DomainError.unsupported("unknown type presented to host for character device: \(typeText)")
        }
        var device = CharDevice(type: typeText ?? "pty")
        let targetNode = node.child("target")
        if let targetNode {
            if let targetType = targetNode.attribute("type") {
                let allowed = kind == .serial ? Self.serialTargets : Self.consoleTargets
                guard allowed.contains(targetType) else {
                    throw DomainError.unsupported(
                        "unknown target type '\(targetType)' specified for character device")
                }
                device.targetType = targetType == "none" ? nil : targetType
            }
            if let port = targetNode.attribute("port") {
                guard let value = CNumber.uint32(port, wrap: true), value <= UInt32(Int32.max) else {
                    throw DomainError.xml("Invalid port number: \(port)")
                }
                device.targetPort = value
            }
            let extra = targetNode.leftovers(knownAttributes: ["type", "port"], depth: 3)
            if !extra.isEmpty { device.childUnknown["target"] = extra }
        }
        let sources = node.elements.filter { $0.isPlain && $0.named("source") }
        if sources.count > 2 {
            throw DomainError.xml("only two source elements are allowed for character device")
        }
        var consumed: [Node?] = [targetNode]
        if let source = sources.first {
            consumed.append(source)
            var known: [String] = []
            switch device.type {
            case "file", "dev", "pipe":
                device.sourcePath = source.attribute("path")
                known = ["path"]
            case "pty":
                if live { device.sourcePath = source.attribute("path") }
                known = ["path"]
            default:
                break
            }
            let extra = source.leftovers(knownAttributes: known, depth: 3)
            if !extra.isEmpty { device.childUnknown["source"] = extra }
        }
        let addressNode = node.child("address")
        if let addressNode {
            // Char devices keep their address with the other kept children, in libvirt's place.
            _ = try parseAddress(addressNode)
        }
        // tty= repeats the pty path (libvirt's legacy console syntax); it is written back from the path.
        device.unknown = node.leftovers(knownAttributes: ["type", "tty"], consumed: consumed, depth: 2)
        return device
    }
}
