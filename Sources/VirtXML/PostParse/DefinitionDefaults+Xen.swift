public import VirtModel

extension DefinitionDefaults {
    /// Xen guests under libxenlight (`xen:///`), as libvirt 9.0's libxl driver fills them: x86_64, MACs from
    /// Xen's 00:16:3e range, no machine or emulator default, no memory hotplug, pins kept only for online
    /// vCPUs, and its post-parse steps (``xenDomainPostParse``, ``xenVideoPostParse``).
    public static let xen: DefinitionDefaults = {
        var defaults = DefinitionDefaults(arch: "x86_64", domainTypes: ["xen"])
        defaults.macPrefix = [0x00, 0x16, 0x3e]
        defaults.supportsMemoryHotplug = false
        defaults.supportsOfflineVcpuPin = false
        defaults.generatedInterfacePrefix = "vif"
        defaults.domainPostParse = xenDomainPostParse
        defaults.videoPostParse = xenVideoPostParse
        return defaults
    }()

    /// libxl's domain step: the paravirtual console every non-HVM guest has, the mouse and keyboard every
    /// guest has (PS/2 for HVM, Xen's paravirtual ones otherwise), PAE always on for x86_64 HVM, Xen's
    /// balloon and the xenbus controller; and its per-device defaults for consoles (Xen's console type for
    /// non-HVM guests) and disks (raw unless a format is named, xl's own default).
    @Sendable public static func xenDomainPostParse(_ definition: inout DomainDefinition) throws(VirtError) {
        let hvm = definition.os.type == "hvm"
        if !hvm && definition.devices.consoles.isEmpty {
            definition.devices.consoles.append(CharDevice(type: "pty", targetType: "xen", targetPort: 0))
        }
        if !hvm {
            for index in definition.devices.consoles.indices where definition.devices.consoles[index].targetType == nil {
                definition.devices.consoles[index].targetType = "xen"
            }
        }
        let inputBus = hvm ? "ps2" : "xen"
        for type in ["mouse", "keyboard"]
        where !definition.devices.inputs.contains(where: { $0.type == type && $0.bus == inputBus }) {
            definition.devices.inputs.append(Input(type: type, bus: inputBus))
        }
        if hvm && definition.os.arch == "x86_64" { definition.features.pae = true }
        if definition.devices.memballoon == nil { definition.devices.memballoon = Memballoon(model: "xen") }
        if !definition.devices.controllers.contains(where: { $0.type == "xenbus" }) {
            definition.devices.insertController(Controller(type: "xenbus", index: 0))
        }
        for index in definition.devices.disks.indices {
            if definition.devices.disks[index].type == "network", definition.devices.disks[index].driverName == nil {
                definition.devices.disks[index].driverName = "qemu"
            }
            if definition.devices.disks[index].driverType == nil { definition.devices.disks[index].driverType = "raw" }
        }
    }

    /// libxl's video defaults: Xen's framebuffer for paravirtual guests, Cirrus otherwise; for HVM guests the
    /// video memory of Xen's QEMU (qemu-xen): 8 MiB for Cirrus, 16 MiB for VGA, 128 MiB for QXL.
    @Sendable public static func xenVideoPostParse(_ video: inout Video, osType: String) {
        if video.modelType == nil { video.modelType = osType == "xen" || osType == "linux" ? "xen" : "cirrus" }
        guard osType == "hvm", (video.vram ?? 0) == 0 else { return }
        switch video.modelType {
        case "vga", "xen": video.vram = 16 * 1024
        case "cirrus": video.vram = 8 * 1024
        case "qxl": video.vram = 128 * 1024
        default: break
        }
    }
}
