import FoundationEssentials
import VirtModel

/// Reads a `<domain>` element into a ``DomainDefinition``, in the order libvirt's `virDomainDefParseXML`
/// reads it, so that a document with several problems reports the same one libvirt reports first.
/// libvirt's own elements are matched in no namespace and by first occurrence; everything else is kept.
struct DomainParser {
    let root: Node
    /// Read run-time state (id, VNC port) as well.
    let live: Bool
    /// The driver's own prefix of generated interface names (``DefinitionDefaults/generatedInterfacePrefix``).
    var generatedInterfacePrefix: String? = nil

    /// The children of `<domain>` the model reads.
    enum Child: Int, CaseIterable {
        case name, uuid, title, description, metadata, memory, currentMemory, maxMemory, vcpu, cputune, os
        case features, cpu, clock, onPoweroff, onReboot, onCrash, devices

        var elementName: StaticString {
            switch self {
            case .name: "name"
            case .uuid: "uuid"
            case .title: "title"
            case .description: "description"
            case .metadata: "metadata"
            case .memory: "memory"
            case .currentMemory: "currentMemory"
            case .maxMemory: "maxMemory"
            case .vcpu: "vcpu"
            case .cputune: "cputune"
            case .os: "os"
            case .features: "features"
            case .cpu: "cpu"
            case .clock: "clock"
            case .onPoweroff: "on_poweroff"
            case .onReboot: "on_reboot"
            case .onCrash: "on_crash"
            case .devices: "devices"
            }
        }
    }

    /// The first occurrence of each child of `<domain>` the model reads; the rest is kept as unknown.
    struct Children {
        private var slots = [Node?](repeating: nil, count: Child.allCases.count)
        private(set) var unknown: [Node] = []

        init(of root: Node) {
            for node in root.elements {
                if node.isPlain, let child = Child.allCases.first(where: { node.named($0.elementName) }),
                    slots[child.rawValue] == nil
                {
                    slots[child.rawValue] = node
                } else {
                    unknown.append(node)
                }
            }
        }

        subscript(_ child: Child) -> Node? { slots[child.rawValue] }
    }

    func parse() throws(VirtError) -> DomainDefinition {
        let children = Children(of: root)

        let id = live ? try root.signed("id", nonNegative: true) : nil
        guard let name = children[.name]?.nonEmptyText else { throw VirtError(.noName, .domain) }
        let uuid = try parseUUID(children[.uuid])
        let type = try parseDomainType()
        var definition = DomainDefinition(type: type, name: name, uuid: uuid)
        definition.id = id
        definition.os = try parseOSType(children[.os])
        definition.devices.emulator = children[.devices]?.child("emulator")?.nonEmptyText

        if let title = children[.title]?.nonEmptyText {
            if title.contains("\n") { throw DomainError.xml("Domain title can't contain newlines") }
            definition.title = title
        }
        definition.description = children[.description]?.nonEmptyText

        definition.memory = try parseMemory(children)
        definition.vcpu = try parseVcpu(children[.vcpu])
        definition.cputune = try parseCPUTune(children[.cputune], vcpus: definition.vcpu.maximum)
        definition.cpu = try children[.cpu].map { node throws(VirtError) in try parseCPU(node) }
        if definition.vcpu.maximum == 0 {
            // libvirt compares the (empty) NUMA CPU ids with a zero vCPU count and reports this.
            throw DomainError.internal("CPU IDs in <numa> exceed the <vcpu> count")
        }
        definition.features = try parseFeatures(children[.features])
        definition.onReboot = try parseLifecycle(children[.onReboot], "on_reboot", default: .restart)
        definition.onPoweroff = try parseLifecycle(children[.onPoweroff], "on_poweroff", default: .destroy)
        definition.onCrash = try parseLifecycle(children[.onCrash], "on_crash", default: .destroy)
        definition.clock = try parseClock(children[.clock])
        if let os = children[.os] {
            try parseBootOptions(os, into: &definition.os)
        }
        if let devices = children[.devices] {
            definition.devices = try parseDevices(devices, emulator: definition.devices.emulator)
        }
        if let metadata = children[.metadata] {
            definition.metadata = metadataFragment(metadata)
        }

        definition.unknown.attributes =
            root.namespaceDeclarations + root.unknownAttributes(known: live ? ["type", "id"] : ["type", "id"])
        definition.unknown.elements = children.unknown.map { $0.fragment(depth: 1) }
        definition.sortKeptElements()
        return definition
    }

    private func parseUUID(_ node: Node?) throws(VirtError) -> UUID {
        guard let text = node?.nonEmptyText else { return UUID() }
        guard let uuid = UUID(libvirtString: text) else { throw DomainError.internal("malformed uuid element") }
        return uuid
    }

    static let domainTypes: Set<String> = [
        "none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz", "test", "vmware", "hyperv", "vbox", "phyp",
        "parallels", "bhyve", "vz", "hvf",
    ]

    private func parseDomainType() throws(VirtError) -> String {
        guard let type = root.attribute("type"), !type.isEmpty else {
            throw DomainError.internal("missing domain type attribute")
        }
        guard Self.domainTypes.contains(type) else { throw DomainError.unsupported("invalid domain type \(type)") }
        return type
    }

    private func parseLifecycle(_ node: Node?, _ name: String, default value: LifecycleAction)
        throws(VirtError) -> LifecycleAction
    {
        guard let text = node?.nonEmptyText else { return value }
        guard let action = LifecycleAction(rawValue: text) else {
            throw DomainError.unsupported("unknown \(name) action: \(text)")
        }
        return action
    }

    /// `<metadata>` as libvirt keeps it: children without a namespace, and later children repeating a
    /// namespace, are dropped (`virXMLNodeSanitizeNamespaces`); the rest is written by libxml2.
    private func metadataFragment(_ node: Node) -> XMLFragment {
        XMLFragment(xml: node.metadataDump(level: 1))
    }
}
