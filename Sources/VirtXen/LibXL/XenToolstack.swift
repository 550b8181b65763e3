import FoundationEssentials
import VirtDriver

/// What the driver asks of Xen's toolstack: libxenlight in dom0 (``LibXLToolstack``), or an in-memory
/// stand-in in tests. Domains are Xen domain ids; results are libxl's own types, decoded from its JSON.
///
/// Calls that wait for Xen (create, restore, suspend, destroy) must not hold a thread of Swift's
/// cooperative pool while they wait.
protocol XenToolstack: Sendable {
    func versionInfo() async throws(VirtError) -> XenVersionInfo
    func physicalInfo() async throws(VirtError) -> XenPhysicalInfo
    /// The number of host CPUs Xen can address (the width of affinity maps).
    func maxCPUs() async throws(VirtError) -> Int

    /// Every domain Xen has, Domain-0 included.
    func domains() async throws(VirtError) -> [XenDomainInfo]
    /// One domain, or nil when Xen has no domain with this id.
    func domain(_ id: UInt32) async throws(VirtError) -> XenDomainInfo?
    /// The name Xen (xenstore) has for a domain.
    func name(of id: UInt32) async -> String?

    /// Builds a domain from `config`; it is left paused. Returns its id.
    func create(_ config: XenDomainConfig) async throws(VirtError) -> UInt32
    /// Builds a domain from `config` and a save stream read from `descriptor`; it is left paused.
    func restore(_ config: XenDomainConfig, from descriptor: Int32) async throws(VirtError) -> UInt32
    /// Writes the domain's state to `descriptor`; afterwards it is shut down with reason "suspend".
    func suspend(_ id: UInt32, to descriptor: Int32) async throws(VirtError)
    /// Lets a domain whose save stopped halfway (suspended, or paused by libxl) run on.
    func resumeSuspended(_ id: UInt32) async throws(VirtError)
    func pause(_ id: UInt32) async throws(VirtError)
    func unpause(_ id: UInt32) async throws(VirtError)
    /// Asks the guest to power off (PV control node, else the power button).
    func shutdown(_ id: UInt32) async throws(VirtError)
    /// Asks the guest to reboot; the guest then shuts down with reason "reboot" and the toolstack rebuilds it.
    func reboot(_ id: UInt32) async throws(VirtError)
    /// Tears the domain and its devices down.
    func destroy(_ id: UInt32) async throws(VirtError)

    func setMemoryTarget(_ id: UInt32, kib: UInt64) async throws(VirtError)
    func setMaxMemory(_ id: UInt32, kib: UInt64) async throws(VirtError)
    /// Brings vCPUs 0..<count online and the rest offline.
    func setVcpusOnline(_ id: UInt32, count: UInt32) async throws(VirtError)
    func setVcpuAffinity(_ id: UInt32, vcpu: UInt32, map: CPUMap) async throws(VirtError)
    func vcpus(_ id: UInt32) async throws(VirtError) -> [XenVcpuInfo]
    /// The host pty behind console `number` (xenconsoled's): a PV console, or with `serial` the emulated
    /// serial port.
    func consoleTTY(_ id: UInt32, number: Int, serial: Bool) async throws(VirtError) -> String
}
