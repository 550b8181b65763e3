import FoundationEssentials
import VirtDriver

/// The part of libxl's `libxl_domain_config` SwiftVirt fills, written as libxl's JSON
/// (`libxl_domain_config_from_json` reads it; `xl list -l` shows the same shape). Building the config as
/// JSON keeps the driver away from libxl's struct layouts. Fields left nil take libxl's defaults.
struct XenDomainConfig: Sendable, Hashable, Encodable {
    enum GuestType: String, Sendable, Hashable, Encodable {
        case pv, pvh, hvm
    }

    /// `c_info`.
    struct CreateInfo: Sendable, Hashable, Encodable {
        var type: GuestType
        var name: String
        var uuid: String
    }

    /// `b_info`.
    struct BuildInfo: Sendable, Hashable {
        var type: GuestType
        var maxVcpus: UInt32
        /// The vCPUs online at boot.
        var availableVcpus: [Int]
        /// Host CPUs per vCPU (vCPU 0 first); nil: no pinning.
        var vcpuHardAffinity: [[Int]]?
        var maxMemoryKiB: UInt64
        var targetMemoryKiB: UInt64
        /// "native", "native_paravirt", "always_emulate", "default".
        var tscMode: String?
        var localtime: Bool?
        var rtcTimeOffset: Int64?
        var kernel: String?
        var ramdisk: String?
        var cmdline: String?
        var acpi: Bool?
        var apic: Bool?
        var deviceModelVersion: String?
        /// `type.pv`: the bootloader (pygrub) when there is no kernel.
        var bootloader: String?
        var bootloaderArguments: [String]?
        /// `type.hvm`.
        var hvm: HVMInfo?
    }

    /// `b_info."type.hvm"`.
    struct HVMInfo: Sendable, Hashable, Encodable {
        /// Boot order, as letters: c (disk), d (cdrom), n (network), a (floppy).
        var boot: String
        var pae: Bool?
        var serial: String?
        var vnc: VNC
        var sdl: Toggle

        private enum CodingKeys: String, CodingKey { case boot, pae, serial, vnc, sdl }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(boot, forKey: .boot)
            try c.encodeIfPresent(pae.map(XenDomainConfig.defbool), forKey: .pae)
            try c.encodeIfPresent(serial, forKey: .serial)
            try c.encode(vnc, forKey: .vnc)
            try c.encode(sdl, forKey: .sdl)
        }
    }

    /// libxl_vnc_info: a VNC server for the guest's framebuffer.
    struct VNC: Sendable, Hashable, Encodable {
        var enable: Bool
        var listen: String?
        var display: Int?
        var findUnused: Bool?

        private enum CodingKeys: String, CodingKey { case enable, listen, display, findUnused = "findunused" }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(XenDomainConfig.defbool(enable), forKey: .enable)
            try c.encodeIfPresent(listen, forKey: .listen)
            try c.encodeIfPresent(display, forKey: .display)
            try c.encodeIfPresent(findUnused.map(XenDomainConfig.defbool), forKey: .findUnused)
        }
    }

    /// A defbool that is only switched on or off (libxl_sdl_info and friends).
    struct Toggle: Sendable, Hashable, Encodable {
        var enable: Bool
        private enum CodingKeys: String, CodingKey { case enable }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(XenDomainConfig.defbool(enable), forKey: .enable)
        }
    }

    /// libxl_device_disk.
    struct DiskDevice: Sendable, Hashable, Encodable {
        var path: String?
        var virtualDevice: String
        /// "unknown" lets libxl choose (raw files get blkback through a loop device).
        var backend: String
        var format: String
        var readWrite: Bool
        var isCDROM: Bool

        private enum CodingKeys: String, CodingKey {
            case path = "pdev_path", virtualDevice = "vdev", backend, format, readWrite = "readwrite"
            case isCDROM = "is_cdrom", removable
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(path, forKey: .path)
            try c.encode(virtualDevice, forKey: .virtualDevice)
            try c.encode(backend, forKey: .backend)
            try c.encode(format, forKey: .format)
            try c.encode(readWrite ? 1 : 0, forKey: .readWrite)
            if isCDROM {
                try c.encode(1, forKey: .isCDROM)
                try c.encode(1, forKey: .removable)
            }
        }
    }

    /// libxl_device_nic.
    struct NIC: Sendable, Hashable, Encodable {
        var deviceID: Int
        var mac: String?
        var bridge: String?
        var model: String?
        var script: String?
        var interfaceName: String?
        /// "vif" (netfront) or "vif_ioemu" (emulated, HVM).
        var nicType: String

        private enum CodingKeys: String, CodingKey {
            case deviceID = "devid", mac, bridge, model, script, interfaceName = "ifname", nicType = "nictype"
        }
    }

    /// A PV framebuffer (libxl_device_vfb) for VNC.
    struct Framebuffer: Sendable, Hashable, Encodable {
        var vnc: VNC
        var sdl: Toggle
    }

    var createInfo: CreateInfo
    var buildInfo: BuildInfo
    var disks: [DiskDevice] = []
    var nics: [NIC] = []
    var framebuffers: [Framebuffer] = []
    /// libxl's action names: "destroy", "restart", "preserve", "rename_restart", "coredump_destroy", ...
    var onPoweroff: String
    var onReboot: String
    var onCrash: String

    private enum CodingKeys: String, CodingKey {
        case createInfo = "c_info", buildInfo = "b_info", disks, nics, framebuffers = "vfbs", keyboards = "vkbs"
        case onPoweroff = "on_poweroff", onReboot = "on_reboot", onCrash = "on_crash"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(createInfo, forKey: .createInfo)
        try c.encode(buildInfo, forKey: .buildInfo)
        if !disks.isEmpty { try c.encode(disks, forKey: .disks) }
        if !nics.isEmpty { try c.encode(nics, forKey: .nics) }
        if !framebuffers.isEmpty {
            try c.encode(framebuffers, forKey: .framebuffers)
            // A PV framebuffer comes with a PV keyboard, as xl adds one.
            try c.encode(framebuffers.map { _ in [String: Int]() }, forKey: .keyboards)
        }
        try c.encode(onPoweroff, forKey: .onPoweroff)
        try c.encode(onReboot, forKey: .onReboot)
        try c.encode(onCrash, forKey: .onCrash)
    }

    /// libxl's JSON for a defbool.
    static func defbool(_ value: Bool) -> String { value ? "True" : "False" }

    /// The config as libxl JSON (keys sorted, so equal configs give equal text).
    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

extension XenDomainConfig.BuildInfo: Encodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Object keys are libxl's field names; the guest type's own part is the keyed union "type.<kind>".
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(maxVcpus, forKey: Key("max_vcpus"))
        try c.encode(availableVcpus, forKey: Key("avail_vcpus"))
        try c.encodeIfPresent(vcpuHardAffinity, forKey: Key("vcpu_hard_affinity"))
        try c.encode(maxMemoryKiB, forKey: Key("max_memkb"))
        try c.encode(targetMemoryKiB, forKey: Key("target_memkb"))
        try c.encodeIfPresent(tscMode, forKey: Key("tsc_mode"))
        try c.encodeIfPresent(localtime.map(XenDomainConfig.defbool), forKey: Key("localtime"))
        try c.encodeIfPresent(rtcTimeOffset, forKey: Key("rtc_timeoffset"))
        try c.encodeIfPresent(kernel, forKey: Key("kernel"))
        try c.encodeIfPresent(ramdisk, forKey: Key("ramdisk"))
        try c.encodeIfPresent(cmdline, forKey: Key("cmdline"))
        try c.encodeIfPresent(acpi.map(XenDomainConfig.defbool), forKey: Key("acpi"))
        try c.encodeIfPresent(apic.map(XenDomainConfig.defbool), forKey: Key("apic"))
        try c.encodeIfPresent(deviceModelVersion, forKey: Key("device_model_version"))
        switch type {
        case .pv:
            var pv = c.nestedContainer(keyedBy: Key.self, forKey: Key("type.pv"))
            try pv.encodeIfPresent(bootloader, forKey: Key("bootloader"))
            try pv.encodeIfPresent(bootloaderArguments, forKey: Key("bootloader_args"))
        case .pvh:
            _ = c.nestedContainer(keyedBy: Key.self, forKey: Key("type.pvh"))
        case .hvm:
            try c.encodeIfPresent(hvm, forKey: Key("type.hvm"))
        }
    }
}
