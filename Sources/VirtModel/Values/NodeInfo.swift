/// Hardware facts about the host (`virNodeInfo`).
public struct NodeInfo: Sendable, Hashable {
    /// CPU model, at most 31 bytes in the C struct.
    public var model: String
    /// Memory size in KiB.
    public var memoryKiB: UInt64
    /// Active CPUs.
    public var cpus: UInt32
    /// Expected CPU frequency in MHz.
    public var mhz: UInt32
    /// NUMA cells; 1 for uniform memory access.
    public var nodes: UInt32
    public var sockets: UInt32
    public var cores: UInt32
    public var threads: UInt32

    public init(
        model: String, memoryKiB: UInt64, cpus: UInt32, mhz: UInt32,
        nodes: UInt32, sockets: UInt32, cores: UInt32, threads: UInt32
    ) {
        self.model = model
        self.memoryKiB = memoryKiB
        self.cpus = cpus
        self.mhz = mhz
        self.nodes = nodes
        self.sockets = sockets
        self.cores = cores
        self.threads = threads
    }

    /// All CPUs the host supports, active or not (`VIR_NODEINFO_MAXCPUS`).
    public var maxCPUs: Int { Int(nodes) * Int(sockets) * Int(cores) * Int(threads) }
}

/// The host's CPUs as a map (`virNodeGetCPUMap`): how many exist, which are online.
public struct NodeCPUMap: Sendable, Hashable {
    public var cpuCount: Int
    public var online: CPUMap
    public var onlineCount: Int

    public init(cpuCount: Int, online: CPUMap, onlineCount: Int) {
        self.cpuCount = cpuCount
        self.online = online
        self.onlineCount = onlineCount
    }
}
