/// `<os>`: what to boot and how. Direct kernel boot (kernel, initrd, cmdline) is the seed's `virDomainKernel`.
public struct OSConfig: Sendable, Hashable {
    /// "hvm", "linux" (Xen PV), "xen", "xenpvh", "exe".
    public var type: String
    public var arch: String?
    public var machine: String?
    public var loader: Loader?
    public var nvram: String?
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
    public var unknown: UnknownXML

    public struct Loader: Sendable, Hashable {
        public var path: String?
        public var readonly: Bool?
        public var type: String?
        public var secure: Bool?
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
    /// "custom", "host-model", "host-passthrough", "maximum".
    public var mode: String?
    public var match: String?
    public var check: String?
    public var model: String?
    public var topology: Topology?
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

    public init(mode: String? = nil) {
        self.mode = mode
    }
}

/// `<clock>`.
public struct ClockConfig: Sendable, Hashable {
    /// "utc", "localtime", "timezone", "variable".
    public var offset: String = "utc"
    /// Timers and other children, kept.
    public var unknown = UnknownXML()

    public init(offset: String = "utc") {
        self.offset = offset
    }
}
