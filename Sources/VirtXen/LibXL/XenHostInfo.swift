import VirtDriver

/// The host as Xen sees it (libxl_physinfo). Memory is counted in pages of ``XenVersionInfo/pageSize``.
struct XenPhysicalInfo: Sendable, Hashable, Decodable {
    var threadsPerCore: UInt32 = 1
    var coresPerSocket: UInt32 = 1
    var maxCPUID: UInt32 = 0
    var cpuCount: UInt32 = 0
    var cpuKHz: UInt32 = 0
    var totalPages: UInt64 = 0
    var freePages: UInt64 = 0
    var nodeCount: UInt32 = 1
    var supportsHVM = false
    var supportsPV = false

    init() {}

    private enum CodingKeys: String, CodingKey {
        case threadsPerCore = "threads_per_core", coresPerSocket = "cores_per_socket", maxCPUID = "max_cpu_id"
        case cpuCount = "nr_cpus", cpuKHz = "cpu_khz", totalPages = "total_pages", freePages = "free_pages"
        case nodeCount = "nr_nodes", supportsHVM = "cap_hvm", supportsPV = "cap_pv"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        threadsPerCore = try c.decodeIfPresent(UInt32.self, forKey: .threadsPerCore) ?? 1
        coresPerSocket = try c.decodeIfPresent(UInt32.self, forKey: .coresPerSocket) ?? 1
        maxCPUID = try c.decodeIfPresent(UInt32.self, forKey: .maxCPUID) ?? 0
        cpuCount = try c.decodeIfPresent(UInt32.self, forKey: .cpuCount) ?? 0
        cpuKHz = try c.decodeIfPresent(UInt32.self, forKey: .cpuKHz) ?? 0
        totalPages = try c.decodeIfPresent(UInt64.self, forKey: .totalPages) ?? 0
        freePages = try c.decodeIfPresent(UInt64.self, forKey: .freePages) ?? 0
        nodeCount = try c.decodeIfPresent(UInt32.self, forKey: .nodeCount) ?? 1
        supportsHVM = try c.decodeIfPresent(Bool.self, forKey: .supportsHVM) ?? false
        supportsPV = try c.decodeIfPresent(Bool.self, forKey: .supportsPV) ?? false
    }
}

/// Xen's version (libxl_version_info).
struct XenVersionInfo: Sendable, Hashable, Decodable {
    var major: Int = 0
    var minor: Int = 0
    /// What follows "major.minor", e.g. ".7" or "-unstable".
    var extra: String = ""
    var capabilities: String = ""
    var pageSize: Int = 4096
    /// Xen's command line.
    var commandLine: String = ""

    init(major: Int, minor: Int, extra: String) {
        self.major = major
        self.minor = minor
        self.extra = extra
    }

    private enum CodingKeys: String, CodingKey {
        case major = "xen_version_major", minor = "xen_version_minor", extra = "xen_version_extra"
        case capabilities, pageSize = "pagesize", commandLine = "commandline"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        major = try c.decodeIfPresent(Int.self, forKey: .major) ?? 0
        minor = try c.decodeIfPresent(Int.self, forKey: .minor) ?? 0
        extra = try c.decodeIfPresent(String.self, forKey: .extra) ?? ""
        capabilities = try c.decodeIfPresent(String.self, forKey: .capabilities) ?? ""
        pageSize = try c.decodeIfPresent(Int.self, forKey: .pageSize) ?? 4096
        commandLine = try c.decodeIfPresent(String.self, forKey: .commandLine) ?? ""
    }

    /// The release from ``extra`` (".7" -> 7; 0 when it has none).
    var release: Int {
        guard extra.hasPrefix(".") else { return 0 }
        return Int(extra.dropFirst().prefix(while: \.isNumber)) ?? 0
    }

    /// libvirt's encoding, major * 1,000,000 + minor * 1,000 + release.
    var encoded: UInt64 {
        UInt64(max(major, 0)) * 1_000_000 + UInt64(max(minor, 0)) * 1_000 + UInt64(max(release, 0))
    }
}

/// One vCPU as Xen reports it (libxl_vcpuinfo). Affinity maps are libxl bitmaps: JSON lists of set bits.
struct XenVcpuInfo: Sendable, Hashable, Decodable {
    var id: UInt32 = 0
    /// The host CPU it runs (or last ran) on.
    var cpu: UInt32 = 0
    var online = false
    var blocked = false
    var running = false
    var cpuTimeNanoseconds: UInt64 = 0
    /// Hard affinity: the host CPUs it may run on.
    var hardAffinity: [Int] = []
    var softAffinity: [Int] = []

    init() {}

    private enum CodingKeys: String, CodingKey {
        case id = "vcpuid", cpu, online, blocked, running, cpuTimeNanoseconds = "vcpu_time"
        case hardAffinity = "cpumap", softAffinity = "cpumap_soft"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(UInt32.self, forKey: .id) ?? 0
        cpu = try c.decodeIfPresent(UInt32.self, forKey: .cpu) ?? 0
        online = try c.decodeIfPresent(Bool.self, forKey: .online) ?? false
        blocked = try c.decodeIfPresent(Bool.self, forKey: .blocked) ?? false
        running = try c.decodeIfPresent(Bool.self, forKey: .running) ?? false
        cpuTimeNanoseconds = try c.decodeIfPresent(UInt64.self, forKey: .cpuTimeNanoseconds) ?? 0
        hardAffinity = try c.decodeIfPresent([Int].self, forKey: .hardAffinity) ?? []
        softAffinity = try c.decodeIfPresent([Int].self, forKey: .softAffinity) ?? []
    }

    /// libvirt's vCPU state. An online vCPU waiting for a host CPU (neither running nor blocked) counts as
    /// running; libvirt's libxl driver reports it offline.
    var state: VcpuState {
        if blocked { return .blocked }
        return online ? .running : .offline
    }
}
