import VirtModel
import VirtXML

/// Disks, network interfaces, serial and parallel ports, inputs and the devices xl.cfg implies.
extension XenConfigWriter {
    /// `disk`: one keyed specification per disk (`xenFormatXLDisk`).
    mutating func writeDisks() throws(VirtError) {
        var specs: [String] = []
        for disk in devices.disks {
            let name = "<disk> '\(disk.targetDev)'"
            guard disk.device == "disk" || disk.device == "cdrom" else {
                throw unsupported("\(disk.device) disks have no xl.cfg equivalent (\(name))")
            }
            guard disk.type == "file" || disk.type == "block" else {
                throw unsupported("\(name) of type '\(disk.type)' is not supported by this conversion")
            }
            let backend: XLDiskSpec.Backend?
            switch disk.driverName {
            case nil: backend = nil
            case "qemu"?, "file"?: backend = .qdisk
            case "tap"?: backend = .tap
            case "phy"?: backend = .phy
            case let other?: throw unsupported("disk driver '\(other)' of \(name) has no xl.cfg backend")
            }
            let formatName = disk.driverType ?? "raw"
            guard let format = XLDiskSpec.Format(rawValue: formatName), format != .empty else {
                throw unsupported("disk format '\(formatName)' of \(name) has no xl.cfg equivalent")
            }
            if disk.driverCache != nil { throw unsupported("the cache mode of \(name) has no xl.cfg equivalent") }
            if disk.shareable { throw unsupported("<shareable> of \(name) has no xl.cfg equivalent") }
            if disk.bootOrder != nil { throw unsupported("per-device <boot order> of \(name) has no xl.cfg equivalent") }
            if let address = disk.address, address.type != "drive" {
                throw unsupported("<address type='\(address.type)'> of \(name) has no xl.cfg equivalent")
            }
            let bus = disk.targetDev.hasPrefix("xvd") || !isHVM ? "xen" : disk.targetDev.hasPrefix("sd") ? "scsi" : "ide"
            if let given = disk.targetBus, given != bus {
                throw unsupported("\(name) on bus '\(given)': xl puts it on '\(bus)' by its name")
            }
            try reject(disk.unknown, of: name)
            try reject(disk.childUnknown, of: name)
            let spec = XLDiskSpec(
                target: disk.source, format: format, vdev: disk.targetDev, readWrite: !disk.readonly,
                isCDROM: disk.device == "cdrom", backend: backend)
            specs.append(spec.text)
        }
        if !specs.isEmpty { set("disk", .strings(specs)) }
    }

    /// `vif`: bridge and ethernet interfaces (`xenFormatNet`).
    mutating func writeInterfaces() throws(VirtError) {
        var specs: [String] = []
        for interface in devices.interfaces {
            var vif = XLVifSpec()
            vif.mac = interface.mac
            let name = "<interface> '\(interface.mac ?? "")'"
            var unknown = interface.unknown
            let script = unknown.elements(named: "script").first?.attribute("path")
            unknown.remove(named: "script")
            for ip in unknown.elements(named: "ip") {
                guard let address = ip.attribute("address"), ip.attribute("prefix") == nil, ip.attribute("peer") == nil
                else { throw unsupported("<ip> of \(name) other than a plain address has no xl.cfg equivalent") }
                vif.ip.append(address)
            }
            unknown.remove(named: "ip")
            if let bandwidth = unknown.elements(named: "bandwidth").first {
                vif.rateKBps = try rate(bandwidth, of: name)
                unknown.remove(named: "bandwidth")
            }
            switch interface.type {
            case "bridge":
                vif.bridge = interface.sourceBridge
                vif.script = script ?? XenConfig.defaultBridgeScript
            case "ethernet":
                vif.script = script
            case "network":
                throw unsupported(
                    "interface type 'network' needs the network's bridge, which this conversion cannot look up; "
                        + "use type 'bridge'")
            default:
                throw unsupported("Unsupported net type '\(interface.type)'")
            }
            if let model = interface.model {
                if isHVM && model == "netfront" { vif.type = "vif" } else { vif.model = model }
            }
            vif.vifname = interface.targetDev
            if interface.address != nil { throw unsupported("<address> of \(name) has no xl.cfg equivalent") }
            if interface.bootOrder != nil { throw unsupported("per-device <boot order> of \(name) has no xl.cfg equivalent") }
            try reject(unknown, of: name)
            try reject(interface.childUnknown, of: name)
            specs.append(vif.text)
        }
        if !specs.isEmpty { set("vif", .strings(specs)) }
    }

    /// `<bandwidth><outbound average=/></bandwidth>`, the one limit xl's vif rate can say.
    private func rate(_ bandwidth: XMLElement, of name: String) throws(VirtError) -> UInt64? {
        let outbound = bandwidth.child("outbound")
        guard bandwidth.children.count == (outbound == nil ? 0 : 1), bandwidth.attributes.isEmpty,
            outbound?.attributes.allSatisfy({ $0.name == "average" }) ?? true
        else { throw unsupported("<bandwidth> of \(name) other than an outbound average has no xl.cfg equivalent") }
        guard let text = outbound?.attribute("average") else { return nil }
        guard let average = UInt64(text) else { throw unsupported("<bandwidth> of \(name): average '\(text)' is not a number") }
        return average == 0 ? nil : average
    }

    /// HVM: `parallel` ("none" without one) and `serial`: a string for a lone port 0, otherwise a list indexed
    /// by port with "none" in the gaps. Paravirtual guests have only their console.
    mutating func writeCharDevices() throws(VirtError) {
        var unknown = devices.unknown
        let parallels = unknown.elements(named: "parallel")
        unknown.remove(named: "parallel")
        try checkConsoles()
        guard isHVM else {
            if !devices.serials.isEmpty { throw unsupported("<serial> of a paravirtual guest has no xl.cfg equivalent") }
            if !parallels.isEmpty { throw unsupported("<parallel> of a paravirtual guest has no xl.cfg equivalent") }
            return
        }
        if parallels.count > 1 { throw unsupported("more than one <parallel> has no xl.cfg equivalent") }
        if let parallel = parallels.first {
            set("parallel", .string(try parallelText(parallel)))
        } else {
            set("parallel", .string("none"))
        }
        var ports: [UInt32: String] = [:]
        for serial in devices.serials {
            let name = "<serial> port \(serial.targetPort ?? 0)"
            guard serial.targetType == nil || serial.targetType == "isa-serial",
                let text = XenCharSpec.text(type: serial.type, path: serial.sourcePath)
            else { throw unsupported("\(name) of type '\(serial.type)' has no xl.cfg equivalent") }
            try reject(serial.unknown, of: name)
            try reject(serial.childUnknown, of: name)
            ports[serial.targetPort ?? 0] = text
        }
        if ports.isEmpty {
            set("serial", .string("none"))
        } else if ports.count == 1, let only = ports[0] {
            set("serial", .string(only))
        } else {
            let last = ports.keys.max() ?? 0
            set("serial", .strings((0...last).map { ports[$0] ?? "none" }))
        }
    }

    private func parallelText(_ parallel: XMLElement) throws(VirtError) -> String {
        let type = parallel.attribute("type") ?? "pty"
        let path = parallel.child("source")?.attribute("path")
        let known = parallel.children.allSatisfy { ["source", "target"].contains($0.name) }
        guard known, let text = XenCharSpec.text(type: type, path: path) else {
            throw unsupported("<parallel type='\(type)'> has no xl.cfg equivalent")
        }
        return text
    }

    /// HVM: the first console is the alias of the first serial port. Paravirtual: Xen's console, port 0.
    private func checkConsoles() throws(VirtError) {
        for (index, console) in devices.consoles.enumerated() {
            let implied =
                isHVM
                ? index == 0 && console.targetType == "serial" && !devices.serials.isEmpty
                : index == 0 && console.type == "pty" && console.targetType == "xen" && (console.targetPort ?? 0) == 0
            guard implied, console.unknown.isEmpty, console.childUnknown.isEmpty else {
                let target = console.targetType ?? "none"
                throw unsupported("<console type='\(console.type)'> with target '\(target)' has no xl.cfg equivalent")
            }
        }
    }

    /// HVM USB tablets, mice and keyboards: `usb = 1` and `usbdevice` (a string for one). The mouse and
    /// keyboard every guest has (PS/2 or Xen's) are implied.
    mutating func writeInputs() throws(VirtError) {
        var usb: [String] = []
        for input in devices.inputs {
            try reject(input.unknown, of: "<input type='\(input.type)'>")
            if ["mouse", "keyboard"].contains(input.type), input.bus == (isHVM ? "ps2" : "xen") { continue }
            guard isHVM, input.bus == "usb", ["mouse", "tablet", "keyboard"].contains(input.type) else {
                throw unsupported("<input type='\(input.type)' bus='\(input.bus ?? "")'> has no xl.cfg equivalent")
            }
            set("usb", .number(1))
            usb.append(input.type)
        }
        if usb.count == 1 { set("usbdevice", .string(usb[0])) } else if !usb.isEmpty { set("usbdevice", .strings(usb)) }
    }

    /// max_event_channels and max_grant_frames from the xenbus controller.
    mutating func writeXenbusLimits() throws(VirtError) {
        for controller in devices.controllers where controller.type == "xenbus" {
            for attribute in controller.unknown.attributes {
                switch attribute.name {
                case "maxEventChannels": set("max_event_channels", .number(Int64(attribute.value) ?? 0))
                case "maxGrantFrames": set("max_grant_frames", .number(Int64(attribute.value) ?? 0))
                default: throw unsupported("attribute '\(attribute.name)' of <controller type='xenbus'> has no xl.cfg equivalent")
                }
            }
        }
    }

    /// Controllers xl creates by itself (xenbus, and the IDE or SCSI controllers of HVM disks), Xen's balloon;
    /// anything else left in `<devices>` has no xl.cfg setting.
    func checkOtherDevices() throws(VirtError) {
        for controller in devices.controllers {
            let implied = controller.type == "xenbus" || (isHVM && ["ide", "scsi"].contains(controller.type))
            guard implied, controller.model == nil, controller.address == nil, controller.unknown.elements.isEmpty,
                controller.type == "xenbus" || controller.unknown.attributes.isEmpty
            else { throw unsupported("<controller type='\(controller.type)'> has no xl.cfg equivalent") }
        }
        if let balloon = devices.memballoon, balloon.model != "xen" || balloon.address != nil || !balloon.unknown.isEmpty {
            throw unsupported("<memballoon model='\(balloon.model)'> has no xl.cfg equivalent")
        }
        if let other = devices.unknown.elements.first(where: { !["parallel", "hostdev"].contains($0.name) }) {
            throw unsupported("<\(other.name)> has no xl.cfg equivalent")
        }
        try reject(UnknownXML(attributes: devices.unknown.attributes), of: "<devices>")
    }
}

extension UnknownXML {
    init(attributes: [XMLAttribute]) {
        self.init()
        self.attributes = attributes
    }
}
