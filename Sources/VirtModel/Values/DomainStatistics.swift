/// A disk's I/O counters (`virDomainBlockStatsStruct`); -1 where the hypervisor does not count one.
public struct DomainBlockStats: Sendable, Hashable {
    public var readRequests: Int64
    public var readBytes: Int64
    public var writeRequests: Int64
    public var writeBytes: Int64
    public var errors: Int64

    public init(readRequests: Int64, readBytes: Int64, writeRequests: Int64, writeBytes: Int64, errors: Int64) {
        self.readRequests = readRequests
        self.readBytes = readBytes
        self.writeRequests = writeRequests
        self.writeBytes = writeBytes
        self.errors = errors
    }
}

/// A network interface's counters (`virDomainInterfaceStatsStruct`); -1 where the hypervisor does not count one.
public struct DomainInterfaceStats: Sendable, Hashable {
    public var receivedBytes: Int64
    public var receivedPackets: Int64
    public var receiveErrors: Int64
    public var receiveDrops: Int64
    public var transmittedBytes: Int64
    public var transmittedPackets: Int64
    public var transmitErrors: Int64
    public var transmitDrops: Int64

    public init(
        receivedBytes: Int64, receivedPackets: Int64, receiveErrors: Int64, receiveDrops: Int64,
        transmittedBytes: Int64, transmittedPackets: Int64, transmitErrors: Int64, transmitDrops: Int64
    ) {
        self.receivedBytes = receivedBytes
        self.receivedPackets = receivedPackets
        self.receiveErrors = receiveErrors
        self.receiveDrops = receiveDrops
        self.transmittedBytes = transmittedBytes
        self.transmittedPackets = transmittedPackets
        self.transmitErrors = transmitErrors
        self.transmitDrops = transmitDrops
    }
}

/// One memory statistic of a domain (`virDomainMemoryStatStruct`): sizes in KiB.
public struct DomainMemoryStat: Sendable, Hashable {
    public var tag: MemoryStatTag
    public var value: UInt64

    public init(_ tag: MemoryStatTag, _ value: UInt64) {
        self.tag = tag
        self.value = value
    }
}

/// What a memory statistic measures (`VIR_DOMAIN_MEMORY_STAT_*`); open to tags a newer peer sends.
public struct MemoryStatTag: RawRepresentable, Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let swapIn = MemoryStatTag(rawValue: 0)
    public static let swapOut = MemoryStatTag(rawValue: 1)
    public static let majorFault = MemoryStatTag(rawValue: 2)
    public static let minorFault = MemoryStatTag(rawValue: 3)
    public static let unused = MemoryStatTag(rawValue: 4)
    public static let available = MemoryStatTag(rawValue: 5)
    public static let actualBalloon = MemoryStatTag(rawValue: 6)
    public static let rss = MemoryStatTag(rawValue: 7)
    public static let usable = MemoryStatTag(rawValue: 8)
    public static let lastUpdate = MemoryStatTag(rawValue: 9)
    public static let diskCaches = MemoryStatTag(rawValue: 10)
    public static let hugetlbPgalloc = MemoryStatTag(rawValue: 11)
    public static let hugetlbPgfail = MemoryStatTag(rawValue: 12)

    /// How many tags libvirt 9.0 knows (`VIR_DOMAIN_MEMORY_STAT_NR`): what its clients ask for.
    public static let knownCount: UInt32 = 13

    /// The name virsh and python-libvirt give the tag ("actual", "swap_in", ...); nil for one libvirt 9.0
    /// does not know.
    public var name: String? {
        let names = ["swap_in", "swap_out", "major_fault", "minor_fault", "unused", "available", "actual", "rss",
                     "usable", "last_update", "disk_caches", "hugetlb_pgalloc", "hugetlb_pgfail"]
        return names.indices.contains(Int(rawValue)) ? names[Int(rawValue)] : nil
    }
}

/// The groups of statistics `virConnectGetAllDomainStats` may return (`virDomainStatsTypes`).
public struct DomainStatsTypes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let state = DomainStatsTypes(rawValue: 1 << 0)
    public static let cpuTotal = DomainStatsTypes(rawValue: 1 << 1)
    public static let balloon = DomainStatsTypes(rawValue: 1 << 2)
    public static let vcpu = DomainStatsTypes(rawValue: 1 << 3)
    public static let interface = DomainStatsTypes(rawValue: 1 << 4)
    public static let block = DomainStatsTypes(rawValue: 1 << 5)
    public static let perf = DomainStatsTypes(rawValue: 1 << 6)
    public static let iothread = DomainStatsTypes(rawValue: 1 << 7)
    public static let memory = DomainStatsTypes(rawValue: 1 << 8)
    public static let dirtyRate = DomainStatsTypes(rawValue: 1 << 9)
    public static let vm = DomainStatsTypes(rawValue: 1 << 10)
}

/// `virConnectGetAllDomainStatsFlags`: which domains (the list filters) and how.
public struct DomainStatsFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let active = DomainStatsFlags(rawValue: 1 << 0)
    public static let inactive = DomainStatsFlags(rawValue: 1 << 1)
    public static let persistent = DomainStatsFlags(rawValue: 1 << 2)
    public static let transient = DomainStatsFlags(rawValue: 1 << 3)
    public static let running = DomainStatsFlags(rawValue: 1 << 4)
    public static let paused = DomainStatsFlags(rawValue: 1 << 5)
    public static let shutoff = DomainStatsFlags(rawValue: 1 << 6)
    public static let other = DomainStatsFlags(rawValue: 1 << 7)
    /// Skip what would wait for a busy domain.
    public static let noWait = DomainStatsFlags(rawValue: 1 << 29)
    /// Report backing chains of disks too.
    public static let backing = DomainStatsFlags(rawValue: 1 << 30)
    /// Fail on a requested group the driver cannot fill, instead of leaving it out.
    public static let enforceStats = DomainStatsFlags(rawValue: 1 << 31)

    /// Every flag libvirt 9.0 defines.
    public static let known = DomainStatsFlags(rawValue: 0xFF).union([.noWait, .backing, .enforceStats])

    /// The list filters among these flags, as `virConnectListAllDomains` takes them (same bits).
    public var listFilter: DomainListFlags { DomainListFlags(rawValue: rawValue & 0xFF) }
}

/// One domain's statistics (`virDomainStatsRecord`): typed parameters named "group.field".
public struct DomainStatsRecord: Sendable, Hashable {
    public var domain: DomainRef
    public var parameters: [TypedParameter]

    public init(domain: DomainRef, parameters: [TypedParameter]) {
        self.domain = domain
        self.parameters = parameters
    }
}
