import VirtModel
import VirtXML

/// PCI passthrough: xl.cfg's `pci = [ "DDDD:BB:SS.F,permissive=1" ]` <-> `<hostdev type='pci'>` (libvirt's
/// `xenParsePCI` and `xenFormatPCI`), plus xl's `seize=1` for libvirt's managed='yes' (both mean: take the
/// device from its host driver first).
struct XLPCISpec: Equatable {
    var domain: UInt32 = 0
    var bus: UInt32
    var slot: UInt32
    var function: UInt32
    /// permissive=1 lets the guest write the whole config space: libvirt's writeFiltering='no'.
    var permissive: Bool?
    var seize = false

    init(bus: UInt32, slot: UInt32, function: UInt32) {
        self.bus = bus
        self.slot = slot
        self.function = function
    }

    /// - Throws: VIR_ERR_INTERNAL_ERROR for a malformed address, VIR_ERR_CONFIG_UNSUPPORTED for options
    ///   libvirt has no place for.
    init(parsing spec: String) throws(VirtError) {
        let pieces = spec.split(separator: ",", omittingEmptySubsequences: false)
        let address = pieces.first.map(String.init) ?? ""
        let parts = address.split(separator: ":", omittingEmptySubsequences: false)
        let slotFunction = parts.last?.split(separator: ".", omittingEmptySubsequences: false) ?? []
        guard (2...3).contains(parts.count), slotFunction.count == 2,
            let bus = UInt32(parts[parts.count - 2], radix: 16), let slot = UInt32(slotFunction[0], radix: 16),
            let function = UInt32(slotFunction[1], radix: 16)
        else { throw VirtError(.internalError, .xen, "Malformed PCI address \(address)") }
        self.init(bus: bus, slot: slot, function: function)
        if parts.count == 3 {
            guard let domain = UInt32(parts[0], radix: 16) else {
                throw VirtError(.internalError, .xen, "Malformed PCI address \(address)")
            }
            self.domain = domain
        }
        for option in pieces.dropFirst() {
            let pair = option.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, let number = Int(pair[1]) else {
                throw VirtError(.internalError, .xen, "Malformed PCI options \(option)")
            }
            switch pair[0] {
            case "permissive": permissive = number != 0
            case "seize": seize = number != 0
            default: throw VirtError(.configUnsupported, .xen, "PCI option '\(option)' in '\(spec)' has no libvirt equivalent")
            }
        }
    }

    var text: String {
        var text = "\(Self.hex(domain, 4)):\(Self.hex(bus, 2)):\(Self.hex(slot, 2)).\(String(function, radix: 16))"
        if let permissive { text += ",permissive=\(permissive ? 1 : 0)" }
        if seize { text += ",seize=1" }
        return text
    }

    /// The `<hostdev>` libvirt makes of it (with the xen backend libxl's post-parse names).
    var hostdev: XMLFragment {
        let address = XMLFragment.element(
            "address",
            ["domain": "0x" + Self.hex(domain, 4), "bus": "0x" + Self.hex(bus, 2), "slot": "0x" + Self.hex(slot, 2),
             "function": "0x" + String(function, radix: 16)])
        let source: XMLFragment =
            switch permissive {
            case nil: .element("source", children: [address])
            case let permissive?: .element("source", ["writeFiltering": permissive ? "no" : "yes"], children: [address])
            }
        return .element(
            "hostdev", ["mode": "subsystem", "type": "pci", "managed": seize ? "yes" : "no"],
            children: [.element("driver", ["name": "xen"]), source])
    }

    /// Reads a `<hostdev>` back; nil explains nothing, so anything unexpected is an error.
    init(hostdev: XMLElement) throws(VirtError) {
        let refuse = VirtError(
            .configUnsupported, .xenxl, "<hostdev> other than a PCI device by host address has no xl.cfg equivalent")
        guard hostdev.attribute("mode") ?? "subsystem" == "subsystem", hostdev.attribute("type") == "pci",
            hostdev.attributes.allSatisfy({ ["mode", "type", "managed"].contains($0.name) }),
            hostdev.children.allSatisfy({ ["driver", "source"].contains($0.name) }),
            hostdev.child("driver").map({ $0.attribute("name") == "xen" && $0.attributes.count == 1 }) ?? true,
            let source = hostdev.child("source"), source.children.count == 1, let address = source.child("address"),
            source.attributes.allSatisfy({ $0.name == "writeFiltering" }),
            let bus = Self.number(address.attribute("bus")), let slot = Self.number(address.attribute("slot")),
            let function = Self.number(address.attribute("function")),
            address.attributes.allSatisfy({ ["domain", "bus", "slot", "function"].contains($0.name) })
        else { throw refuse }
        self.init(bus: bus, slot: slot, function: function)
        domain = Self.number(address.attribute("domain") ?? "0") ?? 0
        switch source.attribute("writeFiltering") {
        case "yes": permissive = false
        case "no": permissive = true
        case nil: break
        default: throw refuse
        }
        seize = hostdev.attribute("managed") == "yes"
    }

    private static func number(_ text: String?) -> UInt32? {
        text.flatMap(XLConfigParser.integer).flatMap { UInt32(exactly: $0) }
    }

    private static func hex(_ value: UInt32, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension XenDomainReader {
    mutating func readPCIDevices() throws(VirtError) {
        for spec in try settings.stringList("pci") ?? [] {
            definition.devices.unknown.elements.append(try XLPCISpec(parsing: spec).hostdev)
        }
    }
}

extension XenConfigWriter {
    mutating func writePCIDevices() throws(VirtError) {
        let specs = try devices.unknown.elements(named: "hostdev").map { (hostdev: XMLElement) throws(VirtError) in
            try XLPCISpec(hostdev: hostdev).text
        }
        if !specs.isEmpty { set("pci", .strings(specs)) }
    }
}
