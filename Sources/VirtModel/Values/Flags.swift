/// Which definition a change applies to (`virDomainModificationImpact`), plus the `MAXIMUM` bit that the
/// memory and vCPU calls share (`VIR_DOMAIN_MEM_MAXIMUM`, `VIR_DOMAIN_VCPU_MAXIMUM`). Empty means "current":
/// the live definition of a running domain, the persistent one otherwise.
public struct DomainModificationFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let current: DomainModificationFlags = []
    public static let live = DomainModificationFlags(rawValue: 1)
    public static let config = DomainModificationFlags(rawValue: 2)
    public static let maximum = DomainModificationFlags(rawValue: 4)
}

/// `virDomainXMLFlags`.
public struct DomainXMLFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let secure = DomainXMLFlags(rawValue: 1)
    public static let inactive = DomainXMLFlags(rawValue: 2)
    public static let updateCPU = DomainXMLFlags(rawValue: 4)
    public static let migratable = DomainXMLFlags(rawValue: 8)
}

/// `virDomainDefineFlags`.
public struct DomainDefineFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Check the XML against libvirt's RelaxNG schema first.
    public static let validate = DomainDefineFlags(rawValue: 1)
}

/// `virDomainCreateFlags`.
public struct DomainCreateFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let none: DomainCreateFlags = []
    public static let paused = DomainCreateFlags(rawValue: 1)
    public static let autodestroy = DomainCreateFlags(rawValue: 2)
    public static let bypassCache = DomainCreateFlags(rawValue: 4)
    public static let forceBoot = DomainCreateFlags(rawValue: 8)
    public static let validate = DomainCreateFlags(rawValue: 16)
}

/// `virDomainUndefineFlagsValues`.
public struct DomainUndefineFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let managedSave = DomainUndefineFlags(rawValue: 1)
    public static let snapshotsMetadata = DomainUndefineFlags(rawValue: 2)
    public static let nvram = DomainUndefineFlags(rawValue: 4)
    public static let keepNVRAM = DomainUndefineFlags(rawValue: 8)
    public static let checkpointsMetadata = DomainUndefineFlags(rawValue: 16)
}

/// How to ask a guest to shut down or reboot (`virDomainShutdownFlagValues` / `virDomainRebootFlagValues`,
/// which share their values). Empty lets the driver choose.
public struct DomainShutdownFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let acpiPowerButton = DomainShutdownFlags(rawValue: 1)
    public static let guestAgent = DomainShutdownFlags(rawValue: 2)
    public static let initctl = DomainShutdownFlags(rawValue: 4)
    public static let signal = DomainShutdownFlags(rawValue: 8)
    public static let paravirt = DomainShutdownFlags(rawValue: 16)
}

/// `virConnectListAllDomainsFlags`: filters for listing domains. Empty lists every domain.
public struct DomainListFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let active = DomainListFlags(rawValue: 1 << 0)
    public static let inactive = DomainListFlags(rawValue: 1 << 1)
    public static let persistent = DomainListFlags(rawValue: 1 << 2)
    public static let transient = DomainListFlags(rawValue: 1 << 3)
    public static let running = DomainListFlags(rawValue: 1 << 4)
    public static let paused = DomainListFlags(rawValue: 1 << 5)
    public static let shutoff = DomainListFlags(rawValue: 1 << 6)
    public static let other = DomainListFlags(rawValue: 1 << 7)
    public static let managedSave = DomainListFlags(rawValue: 1 << 8)
    public static let noManagedSave = DomainListFlags(rawValue: 1 << 9)
    public static let autostart = DomainListFlags(rawValue: 1 << 10)
    public static let noAutostart = DomainListFlags(rawValue: 1 << 11)
    public static let hasSnapshot = DomainListFlags(rawValue: 1 << 12)
    public static let noSnapshot = DomainListFlags(rawValue: 1 << 13)
    public static let hasCheckpoint = DomainListFlags(rawValue: 1 << 14)
    public static let noCheckpoint = DomainListFlags(rawValue: 1 << 15)
}
