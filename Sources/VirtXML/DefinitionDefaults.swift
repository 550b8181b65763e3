public import VirtModel

/// What a driver fills in when the XML leaves it out (libvirt's post-parse stage), and what it accepts.
/// The test driver, QEMU and Xen each supply their own; ``libvirtTestDriver``, ``qemu`` and ``xen`` are ready made.
public struct DefinitionDefaults: Sendable {
    /// The architecture for `<os><type>` without `arch`, e.g. "i686" for libvirt's test driver.
    public var arch: String?
    /// Architectures by OS type ("hvm", "xen", ...) that take precedence over ``arch``.
    public var archByOSType: [String: String] = [:]
    /// The machine type for `<os><type>` without `machine` (e.g. "pc"), if the driver has one.
    public var machine: String?
    /// The emulator path for `<devices>` without `<emulator>`, if any.
    public var emulator: String?
    /// The domain types the driver accepts (`<domain type=...>`); empty accepts any.
    public var domainTypes: Set<String>

    /// The first three bytes of generated MAC addresses (libvirt's 52:54:00; Xen uses 00:16:3e).
    public var macPrefix: [UInt8] = [0x52, 0x54, 0x00]
    /// Add the `<controller>`s that disks on controller buses need (IDE, SATA, SCSI, FDC), as libvirt does.
    public var addsImplicitDiskControllers = true
    /// Add a `<video>` when there is graphics and no video, as libvirt does.
    public var addsImplicitVideo = true
    /// The video model for a `<video>` without one, on x86 and other non-Xen, non-PPC guests.
    public var defaultVideoModel = "cirrus"
    /// Inputs added when the guest has graphics (QEMU adds a PS/2 mouse and keyboard on x86).
    public var inputsWithGraphics: [Input] = []
    /// Controllers every guest gets when it has none of that type (QEMU: a USB controller, the PCI root).
    public var implicitControllers: [Controller] = []
    /// The memory balloon a guest without `<memballoon>` gets, if any.
    public var defaultMemballoonModel: String?
    /// Whether `<maxMemory>` (memory hotplug) is accepted.
    public var supportsMemoryHotplug = true
    /// Whether pins of offline vCPUs are kept (otherwise they are dropped, as libvirt does).
    public var supportsOfflineVcpuPin = true
    /// Whether domain names may contain '/'.
    public var allowsSlashInName = false
    /// The prefix of the host-side interface names the driver generates at start-up (libvirt's `netPrefix`:
    /// "vif" for Xen), dropped from a definition read as configuration like "vnet", "macvtap" and "macvlan".
    public var generatedInterfacePrefix: String?
    /// The driver's own step over the whole definition (libvirt's `domainPostParseCallback`): it runs after
    /// controller indexes are assigned and before the per-device defaults, so what it adds gets them too.
    public var domainPostParse: DomainPostParse?
    /// The driver's defaults for a video device (libvirt's device callback for videos), applied before the
    /// common ones to every video, including the one added for graphics.
    public var videoPostParse: VideoPostParse?

    public typealias DomainPostParse = @Sendable (inout DomainDefinition) throws(VirtError) -> Void
    /// Fills a video's defaults for a guest of the given OS type ("hvm", "xen", ...).
    public typealias VideoPostParse = @Sendable (inout Video, _ osType: String) -> Void

    public init(arch: String? = nil, machine: String? = nil, emulator: String? = nil, domainTypes: Set<String> = []) {
        self.arch = arch
        self.machine = machine
        self.emulator = emulator
        self.domainTypes = domainTypes
    }

    /// The architecture for a guest of `osType` that names none.
    public func architecture(forOSType osType: String) -> String? {
        archByOSType[osType] ?? arch
    }

    /// libvirt 9.0's test driver (`test:///`): i686, cirrus video, memory hotplug and offline pins allowed.
    public static let libvirtTestDriver = DefinitionDefaults(arch: "i686")

    /// QEMU/KVM guests on an x86_64 host: machine "pc", the Debian emulator path, PS/2 inputs with graphics,
    /// a USB controller, the PCI root and a virtio balloon.
    public static let qemu: DefinitionDefaults = {
        var defaults = DefinitionDefaults(
            arch: "x86_64", machine: "pc", emulator: "/usr/bin/qemu-system-x86_64", domainTypes: ["qemu", "kvm"])
        defaults.defaultVideoModel = "vga"
        defaults.inputsWithGraphics = [Input(type: "mouse", bus: "ps2"), Input(type: "keyboard", bus: "ps2")]
        defaults.implicitControllers = [
            Controller(type: "usb", index: 0, model: "piix3-uhci"), Controller(type: "pci", index: 0, model: "pci-root"),
        ]
        defaults.defaultMemballoonModel = "virtio"
        // libvirt's QEMU driver keeps pins of vCPUs that are offline (VIR_DOMAIN_DEF_FEATURE_OFFLINE_VCPUPIN).
        return defaults
    }()
}

/// Which form of the definition to write.
public struct DefinitionFormat: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Leave out run-time parts (the id) as `virsh dumpxml --inactive` does.
    public static let inactive = DefinitionFormat(rawValue: 1)
    /// Include secrets (passwords) as `--security-info` does.
    public static let secure = DefinitionFormat(rawValue: 2)
}
