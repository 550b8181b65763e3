import VirtModel

/// Marks a controller whose index libvirt assigns after parsing.
let unassignedControllerIndex = UInt32.max

extension DomainParser {
    static let controllerTypes: [String] = [
        "ide", "fdc", "scsi", "sata", "virtio-serial", "ccid", "usb", "pci", "xenbus", "isa",
    ]

    /// `<controller type= index= model=>`; the index is assigned later when absent.
    func parseController(_ node: Node) throws(VirtError) -> Controller {
        let type = try node.enumeration("type", Self.controllerTypes) ?? "ide"
        let index = try node.signed("index", nonNegative: true).map { UInt32($0) } ?? unassignedControllerIndex
        var controller = Controller(type: type, index: index, model: node.attribute("model"))
        let addressNode = node.child("address")
        controller.address = try addressNode.map { n throws(VirtError) in try parseAddress(n) }
        controller.unknown = node.leftovers(
            knownAttributes: ["type", "index", "model"], consumed: [addressNode], depth: 2)
        return controller
    }

    /// `<input type= bus=>` (the default bus depends on the architecture and is chosen after parsing).
    func parseInput(_ node: Node) throws(VirtError) -> Input {
        guard let type = node.attribute("type") else { throw DomainError.internal("missing input device type") }
        guard ["mouse", "tablet", "keyboard", "passthrough", "evdev"].contains(type) else {
            throw DomainError.unsupported("unknown input device type '\(type)'")
        }
        var input = Input(type: type)
        if let bus = node.attribute("bus") {
            guard ["ps2", "usb", "xen", "parallels", "virtio", "none"].contains(bus) else {
                throw DomainError.unsupported("unknown input bus type '\(bus)'")
            }
            input.bus = bus
        }
        if let addressNode = node.child("address") { _ = try parseAddress(addressNode) }
        input.unknown = node.leftovers(knownAttributes: ["type", "bus"], depth: 2)
        return input
    }

    static let graphicsTypes: [String] = ["sdl", "vnc", "rdp", "desktop", "spice", "egl-headless", "dbus"]

    /// `<graphics>`: VNC port/autoport/listen/passwd and the `<listen>` children (for VNC, SPICE and RDP).
    func parseGraphics(_ node: Node) throws(VirtError) -> Graphics {
        guard let type = try node.enumeration("type", Self.graphicsTypes, required: true) else {
            throw AttributeError.missing("type", in: "graphics")
        }
        var graphics = Graphics(type: type)
        var knownAttributes: [String] = ["type"]
        var consumed: [Node?] = []
        if type == "vnc" || type == "spice" || type == "rdp" {
            let listenNodes = node.elements.filter { $0.isPlain && $0.named("listen") }
            for (index, listenNode) in listenNodes.enumerated() {
                graphics.listens.append(try parseListen(listenNode, graphicsType: type, first: index == 0, parent: node))
                consumed.append(listenNode)
            }
            if graphics.listens.isEmpty {
                let address = node.attribute("listen").flatMap { $0.isEmpty ? nil : $0 }
                if type == "vnc", let socket = node.attribute("socket") {
                    graphics.listens.append(GraphicsListen(type: "socket", socket: socket))
                } else {
                    graphics.listens.append(GraphicsListen(type: "address", address: address))
                }
            }
            graphics.listen = graphics.listens.first.flatMap { $0.type == "address" ? $0.address : nil }
            knownAttributes.append(contentsOf: ["listen", "socket"])
        }
        if type == "vnc" {
            if let port = node.attribute("port") {
                guard let value = CNumber.int32(port) else {
                    throw DomainError.internal("cannot parse vnc port \(port)")
                }
                graphics.port = value
                if value == -1 {
                    graphics.autoport = true
                    if !live { graphics.port = nil }
                }
            } else {
                graphics.autoport = true
            }
            if let autoport = node.attribute("autoport") {
                if autoport == "yes" {
                    graphics.autoport = true
                    if !live { graphics.port = nil }
                } else if autoport == "no" {
                    graphics.autoport = false
                }
            }
            if graphics.autoport == nil { graphics.autoport = false }
            graphics.passwd = node.attribute("passwd")
            knownAttributes.append(contentsOf: ["port", "autoport", "passwd"])
        }
        graphics.unknown = node.leftovers(knownAttributes: knownAttributes, consumed: consumed, depth: 2)
        return graphics
    }

    private func parseListen(_ node: Node, graphicsType: String, first: Bool, parent: Node) throws(VirtError)
        -> GraphicsListen
    {
        let type = try node.enumeration("type", ["none", "address", "network", "socket"], required: true) ?? "address"
        if type == "socket", graphicsType != "vnc", graphicsType != "spice" {
            throw DomainError.unsupported("listen type 'socket' is not available for graphics type '\(graphicsType)'")
        }
        if type == "none", graphicsType != "vnc", graphicsType != "spice" {
            throw DomainError.unsupported("listen type 'none' is not available for graphics type '\(graphicsType)'")
        }
        var listen = GraphicsListen(type: type)
        var address = node.attribute("address")
        if type == "address", first, let compat = parent.attribute("listen") {
            if let given = address, given != compat {
                throw DomainError.unsupported(
                    "graphics 'listen' attribute '\(compat)' must match 'address' attribute of first listen element (found '\(given)')"
                )
            }
            if address == nil { address = compat }
        }
        if let address, !address.isEmpty, type == "address" || (type == "network" && live) {
            listen.address = address
        }
        if let network = node.attribute("network"), !network.isEmpty {
            guard type == "network" else {
                throw DomainError.xml("'network' attribute is valid only for listen type 'network'")
            }
            listen.network = network
        }
        var socket = node.attribute("socket")
        if type == "socket", first, socket == nil { socket = parent.attribute("socket") }
        if let socket, !socket.isEmpty {
            guard type == "socket" else {
                throw DomainError.xml("'socket' attribute is valid only for listen type 'socket'")
            }
            listen.socket = socket
        }
        listen.unknown = node.leftovers(knownAttributes: ["type", "address", "network", "socket"], depth: 3)
        return listen
    }

    static let videoTypes: [String] = [
        "default", "vga", "cirrus", "vmvga", "xen", "vbox", "qxl", "parallels", "virtio", "gop", "none", "bochs",
        "ramfb",
    ]

    /// `<video><model type= vram= ram= vram64= vgamem= heads= primary=/></video>`.
    func parseVideo(_ node: Node) throws(VirtError) -> Video {
        var video = Video()
        let modelNode = node.child("model")
        if let modelNode {
            if let type = modelNode.attribute("type") {
                guard Self.videoTypes.contains(type) else {
                    throw DomainError.unsupported("unknown video model '\(type)'")
                }
                video.modelType = type == "default" ? nil : type
            }
            video.primary = try modelNode.yesNo("primary") ?? false
            video.ram = try modelNode.unsigned("ram")
            video.vram = try modelNode.unsigned("vram")
            video.vram64 = try modelNode.unsigned("vram64")
            video.vgamem = try modelNode.unsigned("vgamem")
            video.heads = try modelNode.unsigned("heads")
            video.modelUnknown = modelNode.leftovers(
                knownAttributes: ["type", "primary", "ram", "vram", "vram64", "vgamem", "heads"], depth: 3)
        }
        let addressNode = node.child("address")
        video.address = try addressNode.map { n throws(VirtError) in try parseAddress(n) }
        video.unknown = node.leftovers(knownAttributes: [], consumed: [modelNode, addressNode], depth: 2)
        return video
    }

    /// `<memballoon model=>`.
    func parseMemballoon(_ node: Node) throws(VirtError) -> Memballoon {
        let models: [String] = ["virtio", "xen", "none", "virtio-transitional", "virtio-non-transitional"]
        guard let model = try node.enumeration("model", models, required: true) else {
            throw AttributeError.missing("model", in: "memballoon")
        }
        var balloon = Memballoon(model: model)
        _ = try node.onOff("autodeflate")
        _ = try node.onOff("freePageReporting")
        let statsNode = node.child("stats")
        // A negative period asks for no reports, as none does.
        balloon.statsPeriod = max(0, try statsNode?.signed("period") ?? 0)
        let addressNode = node.child("address")
        balloon.address = try addressNode.map { n throws(VirtError) in try parseAddress(n) }
        balloon.unknown = node.leftovers(knownAttributes: ["model"], consumed: [addressNode, statsNode], depth: 2)
        return balloon
    }

    /// `<panic model=>`.
    func parsePanic(_ node: Node) throws(VirtError) -> Panic {
        let models: [String] = ["isa", "pseries", "hyperv", "s390", "pvpanic"]
        var panic = Panic(model: try node.enumeration("model", models, required: false))
        let addressNode = node.child("address")
        panic.address = try addressNode.map { n throws(VirtError) in try parseAddress(n) }
        panic.unknown = node.leftovers(knownAttributes: ["model"], consumed: [addressNode], depth: 2)
        return panic
    }
}
