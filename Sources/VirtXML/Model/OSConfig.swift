/// `<os>`: what to boot and how. Direct kernel boot (kernel, initrd, cmdline) is the seed's `virDomainKernel`.
public struct OSConfig: Sendable, Hashable {
    /// "hvm", "linux" (Xen PV), "xen", "xenpvh", "exe".
    public var type: String
    public var arch: String?
    public var machine: String?
    public var loader: Loader?
    public var nvram: String?
    /// `<nvram template=...>`.
    public var nvramTemplate: String?
    /// Other attributes and children of `<nvram>`, kept.
    public var nvramUnknown = UnknownXML()
    public var kernel: String?
    public var initrd: String?
    public var cmdline: String?
    public var dtb: String?
    /// `<root>` (old Xen PV configs).
    public var root: String?
    /// `<boot dev=...>` in order: "hd", "cdrom", "network", "fd".
    public var bootDevices: [String]
    /// `<bootmenu enable=...>`.
    public var bootMenu: Bool?
    /// `<bootmenu timeout=...>` in milliseconds (only kept when the menu is enabled, as libvirt does).
    public var bootMenuTimeout: UInt32?
    public var unknown: UnknownXML

    public struct Loader: Sendable, Hashable {
        public var path: String?
        public var readonly: Bool?
        public var type: String?
        public var secure: Bool?
        /// Other attributes of `<loader>` (stateless, format, ...), kept.
        public var unknown = UnknownXML()
        public init(path: String? = nil, readonly: Bool? = nil, type: String? = nil, secure: Bool? = nil) {
            self.path = path
            self.readonly = readonly
            self.type = type
            self.secure = secure
        }
    }

    public init(type: String) {
        self.type = type
        bootDevices = []
        unknown = UnknownXML()
    }
}

/// `<features>`.
public struct Features: Sendable, Hashable {
    public var acpi = false
    public var apic = false
    public var pae = false
    /// Other features, kept.
    public var unknown = UnknownXML()

    public init() {}

    public var isEmpty: Bool { !acpi && !apic && !pae && unknown.isEmpty }
}

/// `<cpu>`.
public struct CPUConfig: Sendable, Hashable {
    public var mode: CPUMode?
    public var match: String?
    public var check: String?
    public var model: String?
    /// `<model fallback=...>` ("allow" or "forbid"); libvirt writes "allow" when a model is given.
    public var fallback: String?
    /// `<model vendor_id=...>`.
    public var vendorID: String?
    /// `<vendor>`.
    public var vendor: String?
    /// `migratable=` ("on"/"off"), for host-passthrough and maximum.
    public var migratable: String?
    public var topology: Topology?
    /// `<feature policy= name=>` in document order.
    public var features: [Feature] = []

    public struct Feature: Sendable, Hashable {
        /// "force", "require", "optional", "disable", "forbid".
        public var policy: String
        public var name: String
        public init(policy: String = "require", name: String) {
            self.policy = policy
            self.name = name
        }
    }
    public var unknown = UnknownXML()

    public struct Topology: Sendable, Hashable {
        public var sockets: UInt32
        public var dies: UInt32?
        public var cores: UInt32
        public var threads: UInt32
        public init(sockets: UInt32, dies: UInt32? = nil, cores: UInt32, threads: UInt32) {
            self.sockets = sockets
            self.dies = dies
            self.cores = cores
            self.threads = threads
        }
    }

    public init(mode: CPUMode? = nil) {
        self.mode = mode
    }
}

/// `<clock>`.
public struct ClockConfig: Sendable, Hashable {
    /// "utc", "localtime", "timezone", "variable".
    public var offset: String = "utc"
    /// `adjustment=`: seconds for offset "variable"; `resetAdjustment` stands for adjustment='reset'.
    public var adjustment: Int64?
    public var resetAdjustment = false
    /// `basis=` ("utc" or "localtime") for offset "variable".
    public var basis: String?
    /// `timezone=` for offset "timezone".
    public var timezone: String?
    /// `start=` (seconds since the epoch) for offset "absolute".
    public var start: UInt64?
    /// Timers and other children, kept.
    public var unknown = UnknownXML()

    public init(offset: String = "utc") {
        self.offset = offset
    }
}
