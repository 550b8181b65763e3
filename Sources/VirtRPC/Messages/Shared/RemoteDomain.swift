import FoundationEssentials
public import VirtModel

/// `remote_nonnull_domain`: how a domain travels. libvirtd finds domains by `uuid` alone; `id` is -1
/// for an inactive domain (clients decide "already active" from it).
public struct RemoteNonnullDomain: Codable, Sendable, Hashable {
    public var name: String
    public var uuid: RemoteUUID
    public var id: Int32

    public init(name: String, uuid: RemoteUUID, id: Int32) {
        self.name = name
        self.uuid = uuid
        self.id = id
    }

    public init(_ ref: DomainRef) {
        self.init(name: ref.name, uuid: RemoteUUID(ref.uuid), id: ref.id)
    }

    public var domainRef: DomainRef { DomainRef(name: name, uuid: uuid.uuid, id: id) }
}

/// `remote_nonnull_network`: name and UUID (it only appears as the unused `net` field of errors).
public struct RemoteNonnullNetwork: Codable, Sendable, Hashable {
    public var name: String
    public var uuid: RemoteUUID

    public init(name: String, uuid: RemoteUUID) {
        self.name = name
        self.uuid = uuid
    }
}

/// `remote_domain_memory_stat`: one statistic of DOMAIN_MEMORY_STATS (`VIR_DOMAIN_MEMORY_STAT_*` tag, value).
public struct RemoteDomainMemoryStat: Codable, Sendable, Hashable {
    public var tag: Int32
    public var val: UInt64

    public init(tag: Int32, val: UInt64) {
        self.tag = tag
        self.val = val
    }
}

/// `remote_vcpu_info`: one vCPU of DOMAIN_GET_VCPUS.
public struct RemoteVcpuInfo: Codable, Sendable, Hashable {
    public var number: UInt32
    public var state: Int32
    /// Nanoseconds.
    public var cpuTime: UInt64
    public var cpu: Int32

    public init(number: UInt32, state: Int32, cpuTime: UInt64, cpu: Int32) {
        self.number = number
        self.state = state
        self.cpuTime = cpuTime
        self.cpu = cpu
    }
}

/// `remote_node_get_cpu_stats`: one field of NODE_GET_CPU_STATS.
public struct RemoteNodeGetCpuStats: Codable, Sendable, Hashable {
    public var field: String
    public var value: UInt64

    public init(field: String, value: UInt64) {
        self.field = field
        self.value = value
    }
}

/// `remote_node_get_memory_stats`: one field of NODE_GET_MEMORY_STATS.
public struct RemoteNodeGetMemoryStats: Codable, Sendable, Hashable {
    public var field: String
    public var value: UInt64

    public init(field: String, value: UInt64) {
        self.field = field
        self.value = value
    }
}

/// `remote_domain_stats_record`: one domain's statistics in CONNECT_GET_ALL_DOMAIN_STATS.
public struct RemoteDomainStatsRecord: Codable, Sendable, Hashable {
    public var dom: RemoteNonnullDomain
    public var params: [RemoteTypedParam]

    public init(dom: RemoteNonnullDomain, params: [RemoteTypedParam]) {
        self.dom = dom
        self.params = params
    }
}
