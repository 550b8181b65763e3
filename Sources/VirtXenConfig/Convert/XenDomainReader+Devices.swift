import VirtModel
import VirtXML

/// Disks, network interfaces, serial and parallel ports, USB inputs and xenbus limits.
extension XenDomainReader {
    /// `disk`, as libvirt maps libxlu's result (`xenParseXLDisk`): CD-ROMs are files for QEMU; otherwise the
    /// backend decides (phy: a block device; tap; qdisk or none: a file for QEMU), and the vdev the bus.
    mutating func readDisks() throws(VirtError) {
        for spec in try settings.stringList("disk") ?? [] {
            let parsed = try XLDiskSpec(parsing: spec)
            if let first = parsed.unsupported.first {
                throw unsupported("disk parameter '\(first)' in '\(spec)' has no libvirt equivalent")
            }
            if parsed.target?.hasPrefix("rbd:") == true {
                throw unsupported("network disk '\(parsed.target ?? "")' (rbd) is not supported by this conversion")
            }
            let vdev = parsed.vdev ?? ""
            let bus = vdev.hasPrefix("xvd") || !isHVM ? "xen" : vdev.hasPrefix("sd") ? "scsi" : "ide"
            let source = parsed.target.flatMap { $0.isEmpty ? nil : $0 }
            var disk: Disk
            if parsed.isCDROM {
                disk = Disk(type: "file", device: "cdrom", source: source, targetDev: vdev, targetBus: bus)
                disk.driverName = "qemu"
            } else {
                switch parsed.backend {
                case .phy?:
                    disk = Disk(type: "block", source: source, targetDev: vdev, targetBus: bus)
                    disk.driverName = "phy"
                case .tap?:
                    disk = Disk(type: "file", source: source, targetDev: vdev, targetBus: bus)
                    disk.driverName = "tap"
                case .qdisk?, nil:
                    disk = Disk(type: "file", source: source, targetDev: vdev, targetBus: bus)
                    disk.driverName = "qemu"
                case .standalone?:
                    throw unsupported("disk backend not supported: standalone")
                }
            }
            disk.driverType = parsed.format == .empty ? nil : parsed.format?.rawValue
            disk.readonly = !parsed.readWrite
            definition.devices.disks.append(disk)
        }
    }

    /// `vif`: a bridge interface when a bridge or a bridging script is named, otherwise ethernet.
    mutating func readInterfaces() throws(VirtError) {
        for spec in try settings.stringList("vif") ?? [] {
            let vif = try XLVifSpec(parsing: spec)
            if let first = vif.unsupported.first {
                throw unsupported("vif option '\(first)' in '\(spec)' has no libvirt equivalent")
            }
            let bridged = vif.bridge != nil || vif.script == "vif-bridge" || vif.script == "vif-vnic"
            var interface = Interface(type: bridged ? "bridge" : "ethernet")
            if let mac = vif.mac {
                guard XenConfig.isMAC(mac) else { throw VirtError(.internalError, .xen, "malformed mac address '\(mac)'") }
                interface.mac = mac.lowercased()
            }
            if bridged {
                let bridge = vif.bridge ?? XenConfig.defaultBridge
                if bridge.contains(".") || bridge.contains(":") {
                    throw unsupported("vif bridge '\(bridge)' names Open vSwitch VLANs, which this conversion does not support")
                }
                interface.sourceBridge = bridge
            }
            for address in vif.ip {
                guard let ip = XenConfig.canonicalIP(address) else {
                    throw VirtError(.internalError, .xen, "Failed to parse IP address '\(address)' in vif '\(spec)'")
                }
                interface.unknown.elements.append(.element("ip", ["address": ip.address, "family": ip.family]))
            }
            if let rate = vif.rateKBps {
                let outbound = XMLFragment.element("outbound", ["average": String(rate)])
                interface.unknown.elements.append(.element("bandwidth", children: [outbound]))
            }
            if let script = vif.script, !script.isEmpty {
                interface.unknown.elements.append(.element("script", ["path": script]))
            }
            if let model = vif.model {
                if vif.type == "vif", model != "netfront" {
                    throw unsupported("vif '\(spec)': type=vif (paravirtual only) contradicts model=\(model)")
                }
                interface.model = model
            } else if vif.type == "vif" {
                interface.model = "netfront"
            }
            interface.targetDev = vif.vifname.flatMap { $0.isEmpty ? nil : $0 }
            definition.devices.interfaces.append(interface)
        }
    }

    /// HVM: `parallel` and `serial` (a string, or a list whose index is the port, "none" leaving a gap).
    /// Paravirtual guests get their paravirtual console; xl has no serial ports for them.
    mutating func readCharDevices() throws(VirtError) {
        guard isHVM else {
            definition.devices.consoles = [CharDevice(type: "pty", targetType: "xen", targetPort: 0)]
            return
        }
        if let parallel = try settings.string("parallel"), parallel != "none" {
            let device = try XenCharSpec.device(parsing: parallel)
            var children: [XMLFragment] = []
            if let path = device.sourcePath { children.append(.element("source", ["path": path])) }
            children.append(.element("target", ["port": "0"]))
            definition.devices.unknown.elements.append(.element("parallel", ["type": device.type], children: children))
        }
        for (port, serial) in (try settings.stringOrList("serial") ?? []).enumerated() where serial != "none" {
            var device = try XenCharSpec.device(parsing: serial)
            device.targetPort = UInt32(port)
            definition.devices.serials.append(device)
        }
    }

    /// HVM `usbdevice`: USB tablets, mice and keyboards.
    mutating func readInputs() throws(VirtError) {
        guard isHVM else { return }
        for device in try settings.stringOrList("usbdevice") ?? [] {
            guard ["tablet", "mouse", "keyboard"].contains(device) else {
                throw unsupported("usbdevice '\(device)' is not a USB tablet, mouse or keyboard")
            }
            definition.devices.inputs.append(Input(type: device, bus: "usb"))
        }
        // The USB bus the devices sit on; the XML implies it with them, so it is written back with them.
        if definition.devices.inputs.contains(where: { $0.bus == "usb" }), settings.config["usb"] == .number(1) {
            settings.markUsed("usb")
        }
    }

    /// max_event_channels and max_grant_frames, attributes of the xenbus controller.
    mutating func readXenbusLimits() throws(VirtError) {
        var xenbus = Controller(type: "xenbus", index: 0)
        if let channels = try settings.unsigned("max_event_channels"), channels > 0 {
            xenbus.unknown.attributes.append(XMLAttribute(name: "maxEventChannels", value: String(channels)))
        }
        if let frames = try settings.unsigned("max_grant_frames"), frames > 0 {
            xenbus.unknown.attributes.append(XMLAttribute(name: "maxGrantFrames", value: String(frames)))
        }
        definition.devices.controllers.append(xenbus)
    }

    func unsupported(_ detail: String) -> VirtError {
        VirtError(.configUnsupported, .xenxl, detail)
    }
}
