import VirtModel

extension DomainParser {
    static let interfaceTypes: [String] = [
        "user", "ethernet", "vhostuser", "server", "client", "mcast", "network", "bridge", "internal", "direct",
        "hostdev", "udp", "vdpa", "null", "vds",
    ]

    /// The `<source>` attribute each interface type requires.
    private static func requiredSource(_ type: InterfaceType) -> String? {
        switch type {
        case .network: "network"
        case .bridge: "bridge"
        case .direct: "dev"
        default: nil
        }
    }

    /// `<interface>`: type, mac, source, target, model, boot order and address.
    func parseInterface(_ node: Node) throws(VirtError) -> Interface {
        let type = InterfaceType(rawValue: try node.enumeration("type", Self.interfaceTypes) ?? "user")
        var interface = Interface(type: type)
        let modelNode = node.child("model")
        interface.model = modelNode?.attribute("type").flatMap { $0.isEmpty ? nil : $0 }
        let sourceNode = node.child("source")
        var sourceKnown: [String] = []
        if let key = Self.requiredSource(type) {
            guard let sourceNode else {
                throw DomainError.xml("interface type='\(type)' requires a 'source' element")
            }
            let value = try sourceNode.required(key)
            if type == "network" { interface.sourceNetwork = value } else { interface.sourceBridge = value }
            // A network's bridge is run-time state libvirt fills in from the network, not configuration:
            // libvirt ignores it in a definition, and so do we.
            sourceKnown = type == "network" ? [key, "bridge"] : [key]
        }
        let targetNode = node.child("target")
        interface.targetDev = targetNode?.attribute("dev")
        let managed = try targetNode?.yesNo("managed")
        if let dev = interface.targetDev, !live, managed != false,
            dev.hasPrefix("vnet") || dev.hasPrefix("macvtap") || dev.hasPrefix("macvlan")
                || generatedInterfacePrefix.map(dev.hasPrefix) == true
        {
            // A name the hypervisor generated at start-up is not part of the configuration.
            interface.targetDev = nil
        }
        let macNode = node.child("mac")
        if let text = macNode?.attribute("address") {
            guard let mac = MACAddress(parsing: text) else {
                throw DomainError.xml("unable to parse mac address '\(text)'")
            }
            if mac.isMulticast { throw DomainError.xml("expected unicast mac address, found multicast '\(text)'") }
            interface.mac = mac.text
        }
        let bootNode = node.child("boot")
        interface.bootOrder = try parseBootOrder(bootNode)
        let addressNode = node.child("address")
        interface.address = try addressNode.map { n throws(VirtError) in try parseAddress(n) }
        let parts: [(String, Node?, [String])] = [
            ("mac", macNode, ["address"]), ("source", sourceNode, sourceKnown), ("target", targetNode, ["dev"]),
            ("model", modelNode, ["type"]),
        ]
        for (name, part, known) in parts {
            guard let part else { continue }
            let extra = part.leftovers(knownAttributes: known, depth: 3)
            if !extra.isEmpty { interface.childUnknown[name] = extra }
        }
        interface.unknown = node.leftovers(
            knownAttributes: ["type"], consumed: [macNode, sourceNode, targetNode, modelNode, bootNode, addressNode],
            depth: 2)
        return interface
    }
}
