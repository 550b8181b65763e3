import VirtDriver
import VirtXML

extension QEMUCommandLine {
    /// NICs: user-mode networking, or a tap device the driver attaches to a bridge (root only).
    func networkArguments() throws(VirtError) -> [String] {
        var args: [String] = []
        var taps = tapNames.makeIterator()
        for (index, nic) in definition.devices.interfaces.enumerated() {
            let netdev = "hostnet\(index)"
            switch nic.type {
            case "user":
                args += ["-netdev", "user,id=\(netdev)"]
            case "bridge":
                guard let tap = taps.next() else {
                    throw VirtError(.internalError, .qemu, "no tap device was prepared for interface \(index)")
                }
                args += ["-netdev", "tap,id=\(netdev),ifname=\(tap),script=no,downscript=no"]
            case "network":
                throw VirtError(.configUnsupported, .qemu,
                                "interface type 'network' needs a virtual network driver, which SwiftVirt does not have; use type 'user' or 'bridge'")
            default:
                throw VirtError(.configUnsupported, .qemu, "interface type '\(nic.type)' is not supported; use 'user' or 'bridge'")
            }
            let model = nic.model ?? "e1000"
            let device: String
            switch model {
            case "virtio": device = "virtio-net-pci"
            case "e1000", "rtl8139", "e1000e", "ne2k_pci", "pcnet": device = model
            default: throw VirtError(.configUnsupported, .qemu, "interface model '\(model)' is not supported")
            }
            var option = "\(device),netdev=\(netdev),id=net\(index)"
            if let mac = nic.mac { option += ",mac=\(mac)" }
            args += ["-device", option]
        }
        return args
    }

    /// Serial ports: a pty (its path is read back over QMP) or a file. A console of type serial is the first
    /// serial port itself, so it adds nothing.
    func characterDeviceArguments() throws(VirtError) -> [String] {
        var args: [String] = []
        for (index, serial) in definition.devices.serials.enumerated() {
            let id = "charserial\(index)"
            switch serial.type {
            case "pty":
                args += ["-chardev", "pty,id=\(id)"]
            case "file":
                guard let path = serial.sourcePath else {
                    throw VirtError(.xmlError, .qemu, "serial port \(index) of type 'file' needs <source path=...>")
                }
                args += ["-chardev", "file,id=\(id),path=\(Self.escape(path)),append=on"]
            case "null":
                args += ["-chardev", "null,id=\(id)"]
            default:
                throw VirtError(.configUnsupported, .qemu, "serial type '\(serial.type)' is not supported; use 'pty', 'file' or 'null'")
            }
            args += ["-device", "isa-serial,chardev=\(id),id=serial\(index)"]
        }
        for console in definition.devices.consoles where console.targetType != nil && console.targetType != "serial" {
            throw VirtError(.configUnsupported, .qemu, "console target type '\(console.targetType ?? "")' is not supported; use 'serial'")
        }
        return args
    }

    /// USB tablets, mice and keyboards hang off one USB controller; PS/2 ones are built into the machine.
    func inputArguments() throws(VirtError) -> [String] {
        var args: [String] = []
        for (index, input) in definition.devices.inputs.enumerated() {
            switch (input.type, input.bus ?? (input.type == "tablet" ? "usb" : "ps2")) {
            case (_, "ps2"):
                continue
            case ("tablet", "usb"): args += ["-device", "usb-tablet,id=input\(index),bus=usb.0"]
            case ("mouse", "usb"): args += ["-device", "usb-mouse,id=input\(index),bus=usb.0"]
            case ("keyboard", "usb"): args += ["-device", "usb-kbd,id=input\(index),bus=usb.0"]
            case let (type, bus):
                throw VirtError(.configUnsupported, .qemu, "input device '\(type)' on bus '\(bus)' is not supported")
            }
        }
        return args.isEmpty ? [] : ["-device", "piix3-usb-uhci,id=usb"] + args
    }

    func graphicsArguments() throws(VirtError) -> [String] {
        var args: [String] = []
        var displays = vncDisplays.makeIterator()
        for graphics in definition.devices.graphics {
            guard graphics.type == "vnc" else {
                throw VirtError(.configUnsupported, .qemu, "graphics type '\(graphics.type)' is not supported; use 'vnc'")
            }
            let listen = graphics.listen ?? "127.0.0.1"
            let display: Int
            if let port = graphics.port, port >= 5900, graphics.autoport != true {
                display = Int(port) - 5900
            } else if let chosen = displays.next() {
                display = chosen
            } else {
                throw VirtError(.internalError, .qemu, "no VNC display was chosen for autoport graphics")
            }
            let host = listen.contains(":") ? "[\(listen)]" : listen
            args += ["-vnc", "\(host):\(display)"]
        }
        if !args.isEmpty { args += ["-vga", "std"] }
        return args
    }

    func balloonArguments() throws(VirtError) -> [String] {
        guard let balloon = definition.devices.memballoon else { return [] }
        switch balloon.model {
        case "none": return []
        case "virtio": return ["-device", "virtio-balloon-pci,id=balloon0"]
        default: throw VirtError(.configUnsupported, .qemu, "memballoon model '\(balloon.model)' is not supported")
        }
    }
}
