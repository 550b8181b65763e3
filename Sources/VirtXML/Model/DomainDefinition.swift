public import FoundationEssentials
import VirtModel

/// A domain's definition: the typed form of libvirt's domain XML (`<domain>`).
///
/// Parsing (``DomainDefinition/init(xml:defaults:)``) checks well-formedness and meaning, fills the defaults a
/// driver asks for (``DefinitionDefaults``) and reports problems as VIR_ERR_XML_ERROR (or libvirt's code for
/// the case) naming what is wrong and where. Formatting (``DomainDefinition/xml(_:)``) writes libvirt's shape:
/// two-space indent, libvirt's element and attribute order, memory in KiB, so output diffs cleanly against
/// `virsh dumpxml`.
///
/// Elements and attributes the model does not know are kept (``unknown``) and written back, never dropped.
public struct DomainDefinition: Sendable, Hashable {
    /// The hypervisor type (`<domain type=...>`): "test", "qemu", "kvm", "xen", ...
    public var type: String
    /// The hypervisor id; only live definitions of running domains carry one.
    public var id: Int32?
    public var name: String
    public var uuid: UUID
    public var title: String?
    public var description: String?
    /// `<metadata>`, kept as written.
    public var metadata: XMLFragment?

    public var memory: MemoryConfig
    public var vcpu: VcpuConfig
    public var cputune: CPUTune
    public var os: OSConfig
    public var features: Features
    public var cpu: CPUConfig?
    public var clock: ClockConfig
    public var onPoweroff: LifecycleAction
    public var onReboot: LifecycleAction
    public var onCrash: LifecycleAction
    public var devices: Devices

    /// Children of `<domain>` and attributes the model does not know, written back as they came.
    public var unknown: UnknownXML

    public init(type: String, name: String, uuid: UUID) {
        self.type = type
        self.name = name
        self.uuid = uuid
        memory = MemoryConfig(totalKiB: 0, currentKiB: 0)
        vcpu = VcpuConfig(maximum: 1)
        cputune = CPUTune()
        os = OSConfig(type: "hvm")
        features = Features()
        clock = ClockConfig()
        onPoweroff = .destroy
        onReboot = .restart
        onCrash = .destroy
        devices = Devices()
        unknown = UnknownXML()
    }
}

/// Memory sizes, all in KiB (the XML's `unit` is converted on parse).
public struct MemoryConfig: Sendable, Hashable {
    /// `<memory>`: the boot-time (maximum balloon) size.
    public var totalKiB: UInt64
    /// `<currentMemory>`: the balloon target.
    public var currentKiB: UInt64
    /// `<maxMemory slots=...>`: the hotplug ceiling, if any.
    public var hotplugMaximum: HotplugMaximum?
    /// Attributes of `<memory>` the model does not know (e.g. dumpCore), kept.
    public var unknown = UnknownXML()

    public struct HotplugMaximum: Sendable, Hashable {
        public var slots: UInt32
        public var kib: UInt64
        public init(slots: UInt32, kib: UInt64) {
            self.slots = slots
            self.kib = kib
        }
    }

    public init(totalKiB: UInt64, currentKiB: UInt64, hotplugMaximum: HotplugMaximum? = nil) {
        self.totalKiB = totalKiB
        self.currentKiB = currentKiB
        self.hotplugMaximum = hotplugMaximum
    }
}

/// `<vcpu>`.
public struct VcpuConfig: Sendable, Hashable {
    public enum Placement: String, Sendable, Hashable {
        case `static`
        case auto
    }

    /// The maximum (the element's text).
    public var maximum: UInt32
    /// How many are online; nil means all of them.
    public var current: UInt32?
    public var placement: Placement
    /// Default host CPUs for every vCPU (`cpuset`, libvirt's list syntax).
    public var cpuset: String?
    /// Attributes of `<vcpu>` the model does not know, kept.
    public var unknown = UnknownXML()

    public init(maximum: UInt32, current: UInt32? = nil, placement: Placement = .static, cpuset: String? = nil) {
        self.maximum = maximum
        self.current = current
        self.placement = placement
        self.cpuset = cpuset
    }

    /// The number of online vCPUs.
    public var online: UInt32 { current ?? maximum }

    /// The most vCPUs a definition may have: libvirt's CPU map size (VIR_DOMAIN_CPUMASK_LEN). libvirt
    /// itself accepts any count at define and aborts later allocating per-vCPU arrays; drivers allocate
    /// per vCPU too, so the count is bounded where it is parsed.
    public static let maximumCount: UInt32 = 16384

    /// Refuses a maximum above ``maximumCount``; `written` is the count as the user wrote it ("-1").
    static func checkMaximum(_ count: UInt32, written: String) throws(VirtError) {
        guard count <= maximumCount else {
            throw DomainError.unsupported("vCPU count '\(written)' is out of range: at most \(maximumCount) vCPUs are supported")
        }
    }
}

/// `<cputune>`.
public struct CPUTune: Sendable, Hashable {
    /// `<vcpupin vcpu= cpuset=>`, in vCPU order.
    public var vcpuPins: [VcpuPin]
    /// `<emulatorpin cpuset=>`.
    public var emulatorPin: String?
    /// Other children (shares, period, quota, ...), kept.
    public var unknown: UnknownXML

    public struct VcpuPin: Sendable, Hashable {
        public var vcpu: UInt32
        /// libvirt's CPU list syntax, normalised on format ("0-3,5").
        public var cpuset: String
        public init(vcpu: UInt32, cpuset: String) {
            self.vcpu = vcpu
            self.cpuset = cpuset
        }
    }

    public init(vcpuPins: [VcpuPin] = [], emulatorPin: String? = nil, unknown: UnknownXML = UnknownXML()) {
        self.vcpuPins = vcpuPins
        self.emulatorPin = emulatorPin
        self.unknown = unknown
    }

    public var isEmpty: Bool { vcpuPins.isEmpty && emulatorPin == nil && unknown.isEmpty }
}

/// What to do when the guest powers off, reboots or crashes.
public enum LifecycleAction: String, Sendable, Hashable, CaseIterable {
    case destroy
    case restart
    case preserve
    case renameRestart = "rename-restart"
    case coredumpDestroy = "coredump-destroy"
    case coredumpRestart = "coredump-restart"
}
