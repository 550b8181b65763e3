public import FoundationEssentials
@_exported public import VirtModel

/// The driver table: every operation a hypervisor driver may implement, as plain values in and out.
///
/// Requirements are named after libvirt's driver fields (`domainSuspend`, `connectListDomains`, ...), so each
/// is greppable against libvirt. Domains travel as ``DomainRef`` (name, UUID, id) and are found by UUID, XML
/// travels as text: exactly what libvirt's wire protocol carries, so a remote driver can implement this
/// protocol and a daemon can serve it unchanged.
///
/// Drivers implement what they support; everything else falls back to the defaults in
/// `HypervisorDriver+Unsupported.swift`, which throw VIR_ERR_NO_SUPPORT. Each driver's table
/// (``implementation(of:)``, in its `+Table.swift` file) says for every ``DriverOperation`` where it is
/// implemented; the defaults obey it, and each driver's tests check it.
///
/// The public API (`Virt`) has already checked arguments and refused mutating calls on read-only
/// connections before any of these is called.
public protocol HypervisorDriver: Sendable {
    /// Where this driver implements `operation`: its own code, the shared stored-domain layer, forwarding to a
    /// `...Flags` successor, or not at all.
    func implementation(of operation: DriverOperation) -> DriverOperation.Implementation

    /// Whether a domain handle's id becomes -1 when a shutdown or reboot through it stops the domain. libvirt's
    /// local drivers report the stopped domain; through the remote driver libvirt's client keeps the id the
    /// handle had, and so must SwiftVirt's.
    var shutdownUpdatesHandleID: Bool { get }

    /// The id of the hypervisor's own control domain, which the seed API's NULL domain stood for (Xen's
    /// Domain-0: 0); nil where there is none.
    var controlDomainID: Int32? { get }

    /// Where a caller that only waits for this driver should run its task: a driver whose answers arrive on
    /// an event loop (the remote driver) names it, so a blocked C caller is woken from that thread directly,
    /// not through a thread of Swift's pool. nil: the default executor.
    var preferredTaskExecutor: (any TaskExecutor)? { get }

    // MARK: connection

    /// Releases what the connection holds. Called once, when the connection is closed or released;
    /// synchronous so a connection can close from `deinit`.
    func connectClose()
    /// ``connectClose()``, returning once the hypervisor has let the connection go (a daemon has answered
    /// CONNECT_CLOSE), as libvirt's virConnectClose does. Drivers with nothing to wait for just close.
    func connectCloseAndWait() async
    /// The hypervisor's name as `virConnectGetType` reports it ("TEST", "QEMU", "Xen").
    func connectGetType() -> String
    /// The hypervisor's version, encoded as major * 1,000,000 + minor * 1,000 + release.
    func connectGetVersion() async throws(VirtError) -> UInt64
    func connectGetHostname() async throws(VirtError) -> String
    func connectGetMaxVcpus(type: String?) async throws(VirtError) -> Int
    func nodeGetInfo() async throws(VirtError) -> NodeInfo
    /// The host's and hypervisor's capabilities as libvirt's capabilities XML (`virConnectGetCapabilities`).
    func connectGetCapabilities() async throws(VirtError) -> String
    func nodeGetCPUMap() async throws(VirtError) -> NodeCPUMap
    func nodeGetSecurityModel() async throws(VirtError) -> SecurityModel
    /// Converts domain XML to the hypervisor's own configuration `format` (`virConnectDomainXMLToNative`).
    func connectDomainXMLToNative(format: NativeConfigFormat, xml: String) async throws(VirtError) -> String
    /// Converts a configuration in the hypervisor's own `format` to domain XML (`virConnectDomainXMLFromNative`).
    func connectDomainXMLFromNative(format: NativeConfigFormat, config: String) async throws(VirtError) -> String

    /// Every domain event of this connection's host from now on, whoever caused it
    /// (`virConnectDomainEventRegisterAny`); ending the iteration unsubscribes.
    func connectDomainEvents() async throws(VirtError) -> AsyncStream<DomainEvent>

    // MARK: listing and lookup

    func connectNumOfDomains() async throws(VirtError) -> Int
    func connectListDomains() async throws(VirtError) -> [Int32]
    func connectNumOfDefinedDomains() async throws(VirtError) -> Int
    func connectListDefinedDomains() async throws(VirtError) -> [String]
    func connectListAllDomains(flags: DomainListFlags) async throws(VirtError) -> [DomainRef]
    func domainLookupByID(_ id: Int32) async throws(VirtError) -> DomainRef
    func domainLookupByName(_ name: String) async throws(VirtError) -> DomainRef
    func domainLookupByUUID(_ uuid: UUID) async throws(VirtError) -> DomainRef

    // MARK: definitions and lifecycle

    func domainDefineXML(_ xml: String, flags: DomainDefineFlags) async throws(VirtError) -> DomainRef
    func domainUndefine(_ domain: DomainRef, flags: DomainUndefineFlags) async throws(VirtError)
    /// Starts a defined domain; returns it with its new id.
    func domainCreate(_ domain: DomainRef, flags: DomainCreateFlags) async throws(VirtError) -> DomainRef
    /// Creates and starts a transient domain (`virDomainCreateXML`, the seed's `virDomainCreateLinux`).
    func domainCreateXML(_ xml: String, flags: DomainCreateFlags) async throws(VirtError) -> DomainRef
    func domainDestroy(_ domain: DomainRef) async throws(VirtError)
    func domainShutdown(_ domain: DomainRef, flags: DomainShutdownFlags) async throws(VirtError)
    func domainReboot(_ domain: DomainRef, flags: DomainShutdownFlags) async throws(VirtError)
    func domainSuspend(_ domain: DomainRef) async throws(VirtError)
    func domainResume(_ domain: DomainRef) async throws(VirtError)
    func domainSave(_ domain: DomainRef, to path: String) async throws(VirtError)
    /// Restores a domain saved by ``domainSave(_:to:)``; returns it running.
    func domainRestore(from path: String) async throws(VirtError) -> DomainRef
    /// Stops the domain; `.graceful` only asks the process to stop (`virDomainDestroyFlags`).
    func domainDestroyFlags(_ domain: DomainRef, flags: DomainDestroyFlags) async throws(VirtError)
    /// Saves with an optional replacement XML for the image and a state to restore into (`virDomainSaveFlags`).
    func domainSaveFlags(_ domain: DomainRef, to path: String, xml: String?, flags: DomainSaveRestoreFlags) async throws(VirtError)
    /// Restores with an optional replacement XML and state (`virDomainRestoreFlags`); returns the domain.
    func domainRestoreFlags(from path: String, xml: String?, flags: DomainSaveRestoreFlags) async throws(VirtError) -> DomainRef
    /// Starts a defined domain handing it the caller's open file descriptors (`virDomainCreateWithFiles`).
    func domainCreateWithFiles(_ domain: DomainRef, files: [Int32], flags: DomainCreateFlags) async throws(VirtError) -> DomainRef
    /// Creates and starts a transient domain handing it file descriptors (`virDomainCreateXMLWithFiles`).
    func domainCreateXMLWithFiles(_ xml: String, files: [Int32], flags: DomainCreateFlags) async throws(VirtError) -> DomainRef

    // MARK: information

    func domainGetInfo(_ domain: DomainRef) async throws(VirtError) -> DomainInfo
    func domainGetState(_ domain: DomainRef) async throws(VirtError) -> DomainStateInfo
    func domainGetOSType(_ domain: DomainRef) async throws(VirtError) -> String
    func domainGetXMLDesc(_ domain: DomainRef, flags: DomainXMLFlags) async throws(VirtError) -> String
    func domainGetMaxMemory(_ domain: DomainRef) async throws(VirtError) -> UInt64
    func domainIsActive(_ domain: DomainRef) async throws(VirtError) -> Bool
    func domainIsPersistent(_ domain: DomainRef) async throws(VirtError) -> Bool
    func domainGetAutostart(_ domain: DomainRef) async throws(VirtError) -> Bool
    func domainHasManagedSaveImage(_ domain: DomainRef) async throws(VirtError) -> Bool
    /// Deletes the managed save image (`virDomainManagedSaveRemove`).
    func domainManagedSaveRemove(_ domain: DomainRef) async throws(VirtError)
    func domainGetSecurityLabel(_ domain: DomainRef) async throws(VirtError) -> SecurityLabel
    /// Deprecation and tainting notes about the domain, as sentences (`virDomainGetMessages`).
    func domainGetMessages(_ domain: DomainRef, flags: DomainMessageFlags) async throws(VirtError) -> [String]

    /// Connects to the domain's console `device` (an alias: "serial0", "console0"), or with nil its first
    /// console (`virDomainOpenConsole`).
    func domainOpenConsole(_ domain: DomainRef, device: String?, flags: DomainConsoleFlags) async throws(VirtError) -> ConsoleStream
    // MARK: resources

    /// Sets the maximum memory in KiB (`virDomainSetMaxMemory`).
    func domainSetMaxMemory(_ domain: DomainRef, kib: UInt64) async throws(VirtError)
    /// Sets the balloon target in KiB (`virDomainSetMemory`).
    func domainSetMemory(_ domain: DomainRef, kib: UInt64) async throws(VirtError)
    /// Sets the vCPU count (`virDomainSetVcpus`).
    func domainSetVcpus(_ domain: DomainRef, count: UInt32) async throws(VirtError)
    /// Pins one vCPU (`virDomainPinVcpu`).
    func domainPinVcpu(_ domain: DomainRef, vcpu: UInt32, map: CPUMap) async throws(VirtError)

    /// Sets memory in KiB: the balloon target, or with `.maximum` the maximum (`virDomainSetMemoryFlags`).
    func domainSetMemoryFlags(_ domain: DomainRef, kib: UInt64, flags: DomainModificationFlags) async throws(VirtError)
    /// Sets the vCPU count, or with `.maximum` the maximum (`virDomainSetVcpusFlags`).
    func domainSetVcpusFlags(_ domain: DomainRef, count: UInt32, flags: DomainModificationFlags) async throws(VirtError)
    /// The vCPU count, or with `.maximum` the maximum (`virDomainGetVcpusFlags`).
    func domainGetVcpusFlags(_ domain: DomainRef, flags: DomainModificationFlags) async throws(VirtError) -> Int
    /// Running vCPUs with their host CPU and affinity (`virDomainGetVcpus`); affinity maps cover every host CPU.
    func domainGetVcpus(_ domain: DomainRef) async throws(VirtError) -> [VcpuInfo]
    /// Pins one vCPU to the host CPUs in `map` (`virDomainPinVcpuFlags`).
    func domainPinVcpuFlags(_ domain: DomainRef, vcpu: UInt32, map: CPUMap, flags: DomainModificationFlags) async throws(VirtError)
    /// Every vCPU's affinity from the chosen definition (`virDomainGetVcpuPinInfo`).
    func domainGetVcpuPinInfo(_ domain: DomainRef, flags: DomainModificationFlags) async throws(VirtError) -> [CPUMap]

    // MARK: statistics

    /// The I/O counters of the disk whose target or source is `path` (`virDomainBlockStats`).
    func domainBlockStats(_ domain: DomainRef, path: String) async throws(VirtError) -> DomainBlockStats
    /// The same disk's counters as typed parameters, with the ones `DomainBlockStats` has no field for
    /// (`virDomainBlockStatsFlags`: "rd_operations", "flush_operations", "rd_total_times", ...).
    func domainBlockStatsFlags(_ domain: DomainRef, path: String, flags: UInt32) async throws(VirtError) -> [TypedParameter]
    /// The counters of the interface whose host-side name or MAC address is `device` (`virDomainInterfaceStats`).
    func domainInterfaceStats(_ domain: DomainRef, device: String) async throws(VirtError) -> DomainInterfaceStats
    /// At most `maxStats` memory statistics (`virDomainMemoryStats`).
    func domainMemoryStats(_ domain: DomainRef, maxStats: UInt32, flags: UInt32) async throws(VirtError) -> [DomainMemoryStat]
    /// How often, in seconds, the balloon asks the guest for its memory statistics; 0 stops it
    /// (`virDomainSetMemoryStatsPeriod`; the live guest, the persistent definition or both).
    func domainSetMemoryStatsPeriod(_ domain: DomainRef, period: Int32, flags: DomainModificationFlags) async throws(VirtError)
    /// Statistics of `domains`, or with none of every domain `flags` admits (`virConnectGetAllDomainStats`,
    /// `virDomainListGetStats`); empty `stats` means every group the driver fills.
    func connectGetAllDomainStats(
        _ domains: [DomainRef], stats: DomainStatsTypes, flags: DomainStatsFlags
    ) async throws(VirtError) -> [DomainStatsRecord]
}
