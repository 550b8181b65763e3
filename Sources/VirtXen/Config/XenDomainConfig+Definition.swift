import FoundationEssentials
import VirtDriver
import VirtXML

extension XenDomainConfig {
    /// The libxl config for `def`, as libvirt's libxl driver builds it (`libxlBuildDomainConfig`), or
    /// VIR_ERR_CONFIG_UNSUPPORTED naming what Xen cannot do.
    /// - Parameter hostCPUs: how many host CPUs affinity maps cover (vCPUs without a pin may use all).
    init(definition def: DomainDefinition, hostCPUs: Int) throws(VirtError) {
        let type = try Self.guestType(def)
        createInfo = CreateInfo(type: type, name: def.name, uuid: def.uuid.libvirtString)
        buildInfo = try Self.buildInfo(def, type: type, hostCPUs: hostCPUs)
        disks = try def.devices.disks.map(Self.disk)
        nics = try def.devices.interfaces.enumerated().map { index, interface throws(VirtError) in
            try Self.nic(interface, index: index, type: type)
        }
        if type != .hvm { framebuffers = def.devices.graphics.compactMap(Self.framebuffer) }
        onPoweroff = Self.action(def.onPoweroff)
        onReboot = Self.action(def.onReboot)
        onCrash = Self.action(def.onCrash)
    }

    static func guestType(_ def: DomainDefinition) throws(VirtError) -> GuestType {
        switch def.os.type {
        case "xen", "linux": return .pv
        case "xenpvh": return .pvh
        case "hvm": return .hvm
        default:
            throw VirtError(.configUnsupported, .libxl, "OS type '\(def.os.type)' is not supported by Xen; use 'xen' (PV), 'xenpvh' or 'hvm'")
        }
    }

    private static func buildInfo(_ def: DomainDefinition, type: GuestType, hostCPUs: Int) throws(VirtError) -> BuildInfo {
        var info = BuildInfo(
            type: type, maxVcpus: def.vcpu.maximum, availableVcpus: Array(0..<Int(def.vcpu.online)),
            maxMemoryKiB: roundedToMiB(def.memory.totalKiB), targetMemoryKiB: roundedToMiB(def.memory.currentKiB))
        info.vcpuHardAffinity = try affinity(def, hostCPUs: hostCPUs)
        try applyClock(def.clock, type: type, to: &info)
        info.kernel = def.os.kernel
        info.ramdisk = def.os.initrd
        info.cmdline = def.os.cmdline
        switch type {
        case .pv:
            let kept = KeptElements(def.unknown)
            info.bootloader = kept.text(of: "bootloader")
            info.bootloaderArguments = kept.text(of: "bootloader_args").map { $0.split(separator: " ").map(String.init) }
            if info.kernel == nil && info.bootloader == nil {
                throw VirtError(.configUnsupported, .libxl, "a Xen PV guest needs <os><kernel> or a <bootloader>")
            }
        case .pvh:
            if info.kernel == nil {
                throw VirtError(.configUnsupported, .libxl, "a Xen PVH guest needs <os><kernel>")
            }
        case .hvm:
            info.acpi = def.features.acpi
            info.apic = def.features.apic
            info.deviceModelVersion = "qemu_xen"
            let vnc = def.devices.graphics.first { $0.type == "vnc" }
            info.hvm = HVMInfo(
                boot: bootOrder(def.os.bootDevices), pae: def.features.pae,
                serial: def.devices.serials.isEmpty ? nil : "pty",
                vnc: vnc.map(vncInfo) ?? VNC(enable: false), sdl: Toggle(enable: false))
        }
        return info
    }

    /// Xen sizes memory in whole MiB: libvirt rounds up the same way.
    static func roundedToMiB(_ kib: UInt64) -> UInt64 {
        (kib + 1023) / 1024 * 1024
    }

    /// Per-vCPU hard affinity from `<vcpupin>` or `<vcpu cpuset>`, up to the last pinned vCPU; nil when
    /// nothing is pinned. Pinning at creation keeps a vCPU from ever running elsewhere (the lab needs PVH
    /// vCPUs off dom0's pCPU from their first instruction).
    static func affinity(_ def: DomainDefinition, hostCPUs: Int) throws(VirtError) -> [[Int]]? {
        var maps: [[Int]?] = []
        for vcpu in 0..<def.vcpu.maximum {
            guard let text = def.cputune.vcpuPins.first(where: { $0.vcpu == vcpu })?.cpuset ?? def.vcpu.cpuset else {
                maps.append(nil)
                continue
            }
            guard let map = try? CPUMap(cpuList: text, limit: max(hostCPUs, 1)), !map.isEmpty else {
                throw VirtError(.configUnsupported, .libxl, "cpuset '\(text)' of vCPU \(vcpu) names no CPU of this host (it has \(hostCPUs))")
            }
            maps.append(map.usableCPUs)
        }
        guard let last = maps.lastIndex(where: { $0 != nil }) else { return nil }
        return maps[...last].map { $0 ?? Array(0..<hostCPUs) }
    }

    private static func applyClock(_ clock: ClockConfig, type: GuestType, to info: inout BuildInfo) throws(VirtError) {
        switch clock.offset {
        case "utc":
            break
        case "localtime":
            info.localtime = true
        case "variable":
            if clock.basis == "localtime" { info.localtime = true }
            info.rtcTimeOffset = clock.adjustment
        default:
            throw VirtError(.configUnsupported, .libxl, "unsupported clock offset '\(clock.offset)'")
        }
        for timer in KeptElements(clock.unknown).elements(named: "timer") {
            let name = timer.attribute("name") ?? ""
            switch name {
            case "tsc":
                switch timer.attribute("mode") {
                case "native": info.tscMode = "native"
                case "paravirt": info.tscMode = "native_paravirt"
                case "emulate": info.tscMode = "always_emulate"
                default: info.tscMode = "default"
                }
            case "hpet" where type == .hvm:
                break
            default:
                throw VirtError(.configUnsupported, .libxl, "unsupported timer type (name) '\(name)'")
            }
        }
    }

    private static func bootOrder(_ devices: [String]) -> String {
        let letters = devices.map { device -> Character in
            switch device {
            case "fd": return "a"
            case "cdrom": return "d"
            case "network": return "n"
            default: return "c"
            }
        }
        return letters.isEmpty ? "c" : String(letters)
    }

    private static func disk(_ disk: VirtXML.Disk) throws(VirtError) -> DiskDevice {
        guard disk.type == "file" || disk.type == "block" else {
            throw VirtError(.configUnsupported, .libxl, "disk type '\(disk.type)' of '\(disk.targetDev)' is not supported by Xen; use 'file' or 'block'")
        }
        let backend: String
        switch disk.driverName {
        case nil, "file": backend = "unknown"
        case "phy": backend = "phy"
        case "qemu": backend = "qdisk"
        case "tap", "tap2": backend = "tap"
        case let other?:
            throw VirtError(.configUnsupported, .libxl, "disk driver '\(other)' of '\(disk.targetDev)' is not supported by Xen")
        }
        let format: String
        switch disk.driverType {
        case nil, "raw", "aio": format = "raw"
        case "qcow", "qcow2", "vhd", "qed": format = disk.driverType ?? "raw"
        case let other?:
            throw VirtError(.configUnsupported, .libxl, "disk format '\(other)' of '\(disk.targetDev)' is not supported by Xen")
        }
        return DiskDevice(path: disk.source, virtualDevice: disk.targetDev, backend: backend, format: format,
                          readWrite: !disk.readonly, isCDROM: disk.device == "cdrom")
    }

    private static func nic(_ interface: Interface, index: Int, type: GuestType) throws(VirtError) -> NIC {
        guard interface.type == "bridge" || interface.type == "ethernet" else {
            throw VirtError(.configUnsupported, .libxl, "interface type '\(interface.type)' is not supported by Xen here; use 'bridge' or 'ethernet'")
        }
        let emulated = type == .hvm && interface.model != "netfront"
        return NIC(deviceID: index, mac: interface.mac, bridge: interface.sourceBridge,
                   model: type == .hvm && interface.model != "netfront" ? interface.model : nil,
                   script: KeptElements(interface.unknown).elements(named: "script").first?.attribute("path"),
                   interfaceName: interface.targetDev, nicType: emulated ? "vif_ioemu" : "vif")
    }

    private static func framebuffer(_ graphics: Graphics) -> Framebuffer? {
        guard graphics.type == "vnc" else { return nil }
        return Framebuffer(vnc: vncInfo(graphics), sdl: Toggle(enable: false))
    }

    private static func vncInfo(_ graphics: Graphics) -> VNC {
        let port = graphics.port.flatMap { $0 >= 5900 ? Int($0) - 5900 : nil }
        return VNC(enable: true, listen: graphics.listen ?? graphics.listens.first?.address,
                   display: graphics.autoport == true ? nil : port, findUnused: graphics.autoport ?? (port == nil))
    }

    static func action(_ action: LifecycleAction) -> String {
        String(action.rawValue.map { $0 == "-" ? "_" : $0 })
    }
}
