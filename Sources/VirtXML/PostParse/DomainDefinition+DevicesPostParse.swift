import VirtModel

extension DomainDefinition {
    /// Controllers without an index get the lowest unused one of their type.
    mutating func assignControllerIndexes() {
        for position in devices.controllers.indices where devices.controllers[position].index == unassignedControllerIndex {
            let type = devices.controllers[position].type
            let used = Set(devices.controllers.filter { $0.type == type }.map(\.index))
            var index: UInt32 = 0
            while used.contains(index) { index += 1 }
            devices.controllers[position].index = index
        }
    }

    /// Per-device defaults (`virDomainDeviceDefPostParse` for each device, in libvirt's order).
    mutating func postParseDevices(_ defaults: DefinitionDefaults) throws(VirtError) {
        try numberSerialPorts()
        for position in devices.consoles.indices where devices.consoles[position].targetType == nil {
            devices.consoles[position].targetType = "serial"
        }
        for position in devices.disks.indices {
            try Self.postParseDisk(&devices.disks[position])
        }
        let videoModel = defaultVideoModel(defaults)
        for position in devices.videos.indices {
            defaults.videoPostParse?(&devices.videos[position], os.type)
            Self.postParseVideo(&devices.videos[position], defaultModel: videoModel, domainType: type)
        }
        for position in devices.interfaces.indices where devices.interfaces[position].mac == nil {
            devices.interfaces[position].mac = Self.generatedMAC(prefix: defaults.macPrefix)
        }
        for position in devices.inputs.indices where devices.inputs[position].bus == nil {
            devices.inputs[position].bus = Self.defaultInputBus(
                for: devices.inputs[position].type, os: os.type, arch: os.arch, domainType: type)
        }
    }

    /// Serial ports without a port number get the next free one (ISA serial ports the lowest free of 0-3).
    private mutating func numberSerialPorts() throws(VirtError) {
        var usedISA = [Bool](repeating: false, count: 4)
        var isaCount = 0
        for serial in devices.serials where serial.targetType == "isa-serial" {
            isaCount += 1
            if isaCount > 4 || (serial.targetPort ?? 0) >= 4 {
                throw DomainError.internal("Maximum supported number of ISA serial ports is '4'")
            }
            if let port = serial.targetPort {
                if usedISA[Int(port)] { throw DomainError.internal("target port '\(port)' already allocated") }
                usedISA[Int(port)] = true
            }
        }
        for position in devices.serials.indices
        where devices.serials[position].targetType == "isa-serial" && devices.serials[position].targetPort == nil {
            if let free = usedISA.firstIndex(of: false) {
                devices.serials[position].targetPort = UInt32(free)
                usedISA[free] = true
            }
        }
        for position in devices.serials.indices where devices.serials[position].targetPort == nil {
            let highest = devices.serials.compactMap(\.targetPort).max()
            devices.serials[position].targetPort = highest.map { $0 + 1 } ?? 0
        }
    }

    // Static, as the other per-device steps: a method of the definition that changes one of its own
    // devices in place would need a copy of the whole definition to read from.
    private static func postParseDisk(_ disk: inout Disk) throws(VirtError) {
        if disk.targetDev.hasPrefix("ioemu:") { disk.targetDev.removeFirst("ioemu:".count) }
        if disk.device == "cdrom" { disk.readonly = true }
        if disk.targetBus == nil {
            let dev = disk.targetDev
            if disk.device == "floppy" {
                disk.targetBus = "fdc"
            } else if dev.hasPrefix("sd") {
                disk.targetBus = "scsi"
            } else if dev.hasPrefix("vd") {
                disk.targetBus = "virtio"
            } else if dev.hasPrefix("xvd") {
                disk.targetBus = "xen"
            } else if dev.hasPrefix("ubd") {
                disk.targetBus = "uml"
            } else {
                disk.targetBus = "ide"
            }
        }
        guard disk.address == nil, !disk.targetDev.isEmpty else { return }
        let index = DiskName.index(disk.targetDev)
        guard index >= 0 else {
            throw DomainError.xml("Unknown disk name '\(disk.targetDev)' and no address specified")
        }
        let drive: (controller: Int, bus: Int, unit: Int)
        switch disk.targetBus {
        case "scsi": drive = (index / 7, 0, index % 7)
        case "ide": drive = (index / 4, (index % 4) / 2, index % 2)
        case "sata": drive = (index / 6, 0, index % 6)
        case "fdc": drive = (index / 2, 0, index % 2)
        default: return
        }
        disk.address = DeviceAddress(
            type: "drive",
            attributes: [
                XMLAttribute(name: "controller", value: String(drive.controller)),
                XMLAttribute(name: "bus", value: String(drive.bus)),
                XMLAttribute(name: "target", value: "0"),
                XMLAttribute(name: "unit", value: String(drive.unit)),
            ])
    }

    /// The video model for a `<video>` without one: Xen's for Xen guests, VGA on PPC64, else the driver's.
    func defaultVideoModel(_ defaults: DefinitionDefaults) -> String {
        if os.type == "xen" || os.type == "linux" { return "xen" }
        if os.arch?.hasPrefix("ppc64") == true { return "vga" }
        return defaults.defaultVideoModel
    }

    /// The default model when none is given, then libvirt's default video memory, in powers of two.
    static func postParseVideo(_ video: inout Video, defaultModel: String, domainType type: String) {
        if video.modelType == nil { video.modelType = defaultModel }
        if video.heads == nil { video.heads = 1 }
        let defaultRAM = Self.defaultVideoRAM(type: video.modelType ?? "", domainType: type)
        if (video.ram ?? 0) == 0, video.modelType == "qxl" { video.ram = defaultRAM }
        if (video.vram ?? 0) == 0, defaultRAM != 0 { video.vram = defaultRAM }
        video.ram = video.ram.map(Self.roundUpToPowerOfTwo)
        video.vram = video.vram.map(Self.roundUpToPowerOfTwo)
    }

    static func defaultVideoRAM(type: String, domainType: String) -> UInt32 {
        switch type {
        case "vga", "cirrus", "vmvga":
            if domainType == "vbox" { return 8 * 1024 }
            if domainType == "vmware" { return 4 * 1024 }
            return 16 * 1024
        case "bochs": return 16 * 1024
        case "xen": return 4 * 1024
        case "qxl": return 64 * 1024
        default: return 0
        }
    }

    static func roundUpToPowerOfTwo(_ value: UInt32) -> UInt32 {
        guard value > 1 else { return value }
        var power: UInt32 = 1
        while power < value, power < 1 << 31 { power <<= 1 }
        return power
    }

    /// The input bus libvirt picks when none is given (it depends on the guest architecture).
    private static func defaultInputBus(for inputType: String, os: String, arch: String?, domainType type: String)
        -> String?
    {
        switch os {
        case "hvm":
            let arch = arch ?? ""
            let x86 = arch == "i686" || arch == "x86_64" || arch.isEmpty
            if (inputType == "mouse" || inputType == "keyboard") && x86 { return "ps2" }
            if arch.hasPrefix("s390") || inputType == "passthrough" { return "virtio" }
            if inputType == "evdev" { return nil }
            return "usb"
        case "xen", "xenpvh":
            return "xen"
        default:
            return type == "vz" || type == "parallels" ? "parallels" : nil
        }
    }

    /// A random MAC with the driver's prefix (libvirt's `virMacAddrGenerate`).
    static func generatedMAC(prefix: [UInt8]) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = Array(prefix.prefix(3))
        while bytes.count < 6 { bytes.append(UInt8.random(in: 0...255, using: &generator)) }
        return MACAddress(bytes: bytes).text
    }
}
