import VirtDriver
import VirtXML

/// Turns a domain definition into QEMU's command line. Pure: no files, no processes, so every case is a
/// golden-file test (`Tests/VirtQEMUTests/Fixtures/xml2argv`).
///
/// QEMU starts daemonized (it outlives the client that started it), paused (`-S`: vCPU pinning and other
/// setup happen before the guest runs), with a QMP monitor on a unix socket and no implicit devices
/// (`-nodefaults`): every device comes from the XML.
struct QEMUCommandLine {
    enum Accelerator: String, Sendable {
        case tcg
        case kvm
    }

    /// Files the process uses.
    struct Files: Sendable {
        var monitor: String
        /// A second, event-only monitor for the watcher, so it never takes the one operations use.
        var eventMonitor: String
        var pidFile: String
    }

    var definition: DomainDefinition
    var accelerator: Accelerator
    var files: Files
    /// Host-side tap names for bridge interfaces, in interface order (chosen by the driver).
    var tapNames: [String] = []
    /// VNC display numbers for VNC graphics with autoport, in order (chosen by the driver).
    var vncDisplays: [Int] = []
    /// Wait for a migration stream (restore) instead of booting.
    var incoming = false

    func arguments() throws(VirtError) -> [String] {
        var args: [String] = []
        let def = definition
        args += ["-name", "guest=\(Self.escape(def.name)),debug-threads=on"]
        args += ["-uuid", def.uuid.libvirtString]
        args += ["-machine", machineOption()]
        if let cpu = try cpuOption() { args += ["-cpu", cpu] }
        args += ["-m", memoryOption()]
        args += ["-smp", try smpOption()]
        args += ["-no-user-config", "-nodefaults", "-display", "none"]
        args += ["-daemonize", "-pidfile", files.pidFile]
        args += ["-qmp", "unix:\(Self.escape(files.monitor)),server=on,wait=off"]
        args += ["-chardev", "socket,id=watch,path=\(Self.escape(files.eventMonitor)),server=on,wait=off"]
        args += ["-mon", "chardev=watch,mode=control"]
        args += ["-S"]
        args += ["-rtc", try rtcOption()]
        // QEMU pauses when the guest powers off or panics; the watcher then applies <on_poweroff> or
        // <on_crash>, as libvirt's -no-shutdown does. A guest reboot with on_reboot=destroy is a power-off.
        args += ["-action", "shutdown=pause", "-action", "panic=pause"]
        if def.onReboot == .destroy { args += ["-action", "reboot=shutdown"] }
        args += try bootArguments()
        args += try diskArguments()
        args += try networkArguments()
        args += try characterDeviceArguments()
        args += try usbControllerArguments()
        args += try inputArguments()
        args += try graphicsArguments()
        args += try videoArguments()
        args += try balloonArguments()
        args += try panicArguments()
        if incoming { args += ["-incoming", "defer"] }
        return args
    }

    private func machineOption() -> String {
        var parts = [definition.os.machine ?? "pc", "accel=\(accelerator.rawValue)"]
        if !definition.features.acpi { parts.append("acpi=off") }
        return parts.joined(separator: ",")
    }

    private func cpuOption() throws(VirtError) -> String? {
        guard let cpu = definition.cpu else { return nil }
        switch cpu.mode ?? "custom" {
        case "host-passthrough":
            guard accelerator == .kvm else {
                throw VirtError(.configUnsupported, .qemu, "CPU mode 'host-passthrough' needs KVM (domain type 'kvm')")
            }
            return "host"
        case "host-model", "maximum":
            return accelerator == .kvm ? "host" : "max"
        case "custom":
            return cpu.model
        case let mode:
            throw VirtError(.configUnsupported, .qemu, "CPU mode '\(mode)' is not supported")
        }
    }

    private func memoryOption() -> String {
        var option = "size=\(definition.memory.totalKiB)k"
        if let hotplug = definition.memory.hotplugMaximum {
            option += ",slots=\(hotplug.slots),maxmem=\(hotplug.kib)k"
        }
        return option
    }

    /// Online vCPUs at start, and the maximum so more can be plugged in later.
    private func smpOption() throws(VirtError) -> String {
        let vcpu = definition.vcpu
        var option = "\(vcpu.online),maxcpus=\(vcpu.maximum)"
        if let topology = definition.cpu?.topology {
            let total = topology.sockets * (topology.dies ?? 1) * topology.cores * topology.threads
            guard total == vcpu.maximum else {
                throw VirtError(.xmlError, .qemu,
                                "CPU topology doesn't match maximum vcpu count (\(total) != \(vcpu.maximum))")
            }
            option += ",sockets=\(topology.sockets),cores=\(topology.cores),threads=\(topology.threads)"
            if let dies = topology.dies { option += ",dies=\(dies)" }
        }
        return option
    }

    private func rtcOption() throws(VirtError) -> String {
        switch definition.clock.offset {
        case "utc": return "base=utc"
        case "localtime": return "base=localtime"
        case let offset:
            throw VirtError(.configUnsupported, .qemu, "clock offset '\(offset)' is not supported")
        }
    }

    /// Direct kernel boot (the seed's virDomainKernel) or firmware boot order.
    private func bootArguments() throws(VirtError) -> [String] {
        let os = definition.os
        guard os.type == "hvm" else {
            throw VirtError(.configUnsupported, .qemu, "OS type '\(os.type)' is not supported by QEMU; use 'hvm'")
        }
        var args: [String] = []
        if let loader = os.loader?.path { args += ["-bios", loader] }
        if let kernel = os.kernel {
            args += ["-kernel", kernel]
            if let initrd = os.initrd { args += ["-initrd", initrd] }
            if let cmdline = os.cmdline { args += ["-append", cmdline] }
            if let dtb = os.dtb { args += ["-dtb", dtb] }
        } else if !os.bootDevices.isEmpty {
            var order = ""
            for device in os.bootDevices {
                switch device {
                case "hd": order += "c"
                case "cdrom": order += "d"
                case "network": order += "n"
                case "fd": order += "a"
                default: throw VirtError(.configUnsupported, .qemu, "boot device '\(device)' is not supported")
                }
            }
            args += ["-boot", "order=\(order)" + (os.bootMenu == true ? ",menu=on" : "")]
        }
        return args
    }

    /// `<panic>`: ISA pvpanic (x86's default) or its PCI form; QEMU then reports GUEST_PANICKED.
    private func panicArguments() throws(VirtError) -> [String] {
        var args: [String] = []
        for panic in definition.devices.panics {
            switch panic.model ?? "isa" {
            case "isa": args += ["-device", "pvpanic"]
            case "pvpanic": args += ["-device", "pvpanic-pci"]
            case let model:
                throw VirtError(.configUnsupported, .qemu, "panic model '\(model)' is not supported by this QEMU driver")
            }
        }
        return args
    }

    /// QEMU's option syntax doubles commas inside values.
    static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value {
            out.append(character)
            if character == "," { out.append(",") }
        }
        return out
    }
}
