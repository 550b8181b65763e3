import FoundationEssentials
import VirtDriver

/// One domain as Xen reports it (libxl_dominfo, decoded from libxl's JSON, which leaves out fields that
/// hold their default: false, 0).
struct XenDomainInfo: Sendable, Hashable, Decodable {
    var id: UInt32
    var uuid: UUID
    var running = false
    var blocked = false
    var paused = false
    /// The guest stopped itself (or was suspended); the domain stays until a toolstack destroys it.
    var shutdown = false
    /// Being torn down.
    var dying = false
    var shutdownReason: ShutdownReason = .unknown
    var currentMemoryKiB: UInt64 = 0
    var maxMemoryKiB: UInt64 = 0
    var cpuTimeNanoseconds: UInt64 = 0
    /// The highest vCPU id (vCPUs are 0...vcpuMaxID).
    var vcpuMaxID: UInt32 = 0
    var vcpusOnline: UInt32 = 0
    /// "pv", "pvh", "hvm" ("invalid" for Domain-0 on some versions).
    var domainType: String = "invalid"

    /// libxl_shutdown_reason.
    enum ShutdownReason: String, Sendable, Hashable {
        case unknown
        case poweroff
        case reboot
        case suspend
        case crash
        case watchdog
        case softReset = "soft_reset"
    }

    init(id: UInt32, uuid: UUID) {
        self.id = id
        self.uuid = uuid
    }

    private enum CodingKeys: String, CodingKey {
        case id = "domid", uuid, running, blocked, paused, shutdown, dying
        case shutdownReason = "shutdown_reason", currentMemoryKiB = "current_memkb", maxMemoryKiB = "max_memkb"
        case cpuTimeNanoseconds = "cpu_time", vcpuMaxID = "vcpu_max_id", vcpusOnline = "vcpu_online"
        case domainType = "domain_type"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(UInt32.self, forKey: .id) ?? 0
        // Defaults are left out: Domain-0's all-zero UUID and id 0 have no key.
        if let text = try c.decodeIfPresent(String.self, forKey: .uuid) {
            guard let uuid = UUID(uuidString: text) else {
                throw DecodingError.dataCorruptedError(forKey: .uuid, in: c, debugDescription: "not a UUID: \(text)")
            }
            self.uuid = uuid
        } else {
            uuid = Domain0.uuid
        }
        running = try c.decodeIfPresent(Bool.self, forKey: .running) ?? false
        blocked = try c.decodeIfPresent(Bool.self, forKey: .blocked) ?? false
        paused = try c.decodeIfPresent(Bool.self, forKey: .paused) ?? false
        shutdown = try c.decodeIfPresent(Bool.self, forKey: .shutdown) ?? false
        dying = try c.decodeIfPresent(Bool.self, forKey: .dying) ?? false
        let reason = try c.decodeIfPresent(String.self, forKey: .shutdownReason) ?? "unknown"
        shutdownReason = ShutdownReason(rawValue: reason) ?? .unknown
        currentMemoryKiB = try c.decodeIfPresent(UInt64.self, forKey: .currentMemoryKiB) ?? 0
        maxMemoryKiB = try c.decodeIfPresent(UInt64.self, forKey: .maxMemoryKiB) ?? 0
        cpuTimeNanoseconds = try c.decodeIfPresent(UInt64.self, forKey: .cpuTimeNanoseconds) ?? 0
        vcpuMaxID = try c.decodeIfPresent(UInt32.self, forKey: .vcpuMaxID) ?? 0
        vcpusOnline = try c.decodeIfPresent(UInt32.self, forKey: .vcpusOnline) ?? 0
        domainType = try c.decodeIfPresent(String.self, forKey: .domainType) ?? "invalid"
    }

    /// The state libvirt reports for a domain Xen still has. A vCPU-less wait ("blocked") is running as far
    /// as libvirt is concerned.
    var state: DomainState {
        if shutdown { return shutdownReason == .crash || shutdownReason == .watchdog ? .crashed : .shutdown }
        if dying { return .shutdown }
        if paused { return .paused }
        return .running
    }

    /// Gone as far as management is concerned: being torn down.
    var isGone: Bool { dying && !shutdown }
}
