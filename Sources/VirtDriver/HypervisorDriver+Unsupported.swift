import FoundationEssentials

/// The defaults: every operation a driver does not implement reports VIR_ERR_NO_SUPPORT with libvirt's API
/// name, the way libvirt's public layer does when a driver table entry is empty. All defaults live here,
/// so the unsupported list reads in one place.
extension HypervisorDriver {
    /// What a default answers: libvirt's "not supported" where the driver's table says the operation is
    /// unsupported. Where the table says the driver implements it, the implementation's signature does not
    /// match the requirement (Swift then takes the default silently): an internal error saying so.
    func defaultReached(_ operation: DriverOperation) -> VirtError {
        let implementation = implementation(of: operation)
        guard implementation == .unsupported else {
            return .internalError(
                "\(operation.rawValue) reached the default of the driver table, but the driver's table says \(implementation)",
                domain: .none)
        }
        return .unsupported(operation.libvirtName, domain: operation.apiErrorDomain)
    }

    public func connectClose() {}

    public func connectCloseAndWait() async { connectClose() }

    public var shutdownUpdatesHandleID: Bool { true }

    public var controlDomainID: Int32? { nil }

    public var preferredTaskExecutor: (any TaskExecutor)? { nil }

    public func connectGetHostname() async throws(VirtError) -> String {
        throw defaultReached(.connectGetHostname)
    }
    public func connectGetMaxVcpus(type: String?) async throws(VirtError) -> Int {
        throw defaultReached(.connectGetMaxVcpus)
    }
    public func connectGetCapabilities() async throws(VirtError) -> String {
        throw defaultReached(.connectGetCapabilities)
    }
    public func connectDomainEvents() async throws(VirtError) -> AsyncStream<DomainEvent> {
        throw defaultReached(.connectDomainEvents)
    }
    public func nodeGetCPUMap() async throws(VirtError) -> NodeCPUMap {
        throw defaultReached(.nodeGetCPUMap)
    }
    public func nodeGetSecurityModel() async throws(VirtError) -> SecurityModel {
        throw defaultReached(.nodeGetSecurityModel)
    }
    public func connectDomainXMLToNative(format: NativeConfigFormat, xml: String) async throws(VirtError) -> String {
        throw defaultReached(.connectDomainXMLToNative)
    }
    public func connectDomainXMLFromNative(format: NativeConfigFormat, config: String) async throws(VirtError) -> String {
        throw defaultReached(.connectDomainXMLFromNative)
    }
    public func connectNumOfDefinedDomains() async throws(VirtError) -> Int {
        throw defaultReached(.connectNumOfDefinedDomains)
    }
    public func connectListDefinedDomains() async throws(VirtError) -> [String] {
        throw defaultReached(.connectListDefinedDomains)
    }
    public func connectListAllDomains(flags: DomainListFlags) async throws(VirtError) -> [DomainRef] {
        throw defaultReached(.connectListAllDomains)
    }
    public func domainDefineXML(_ xml: String, flags: DomainDefineFlags) async throws(VirtError) -> DomainRef {
        throw defaultReached(.domainDefineXML)
    }
    public func domainUndefine(_ domain: DomainRef, flags: DomainUndefineFlags) async throws(VirtError) {
        throw defaultReached(.domainUndefine)
    }
    public func domainCreate(_ domain: DomainRef, flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        throw defaultReached(.domainCreate)
    }
    public func domainCreateXML(_ xml: String, flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        throw defaultReached(.domainCreateXML)
    }
    public func domainDestroy(_ domain: DomainRef) async throws(VirtError) {
        throw defaultReached(.domainDestroy)
    }
    public func domainShutdown(_ domain: DomainRef, flags: DomainShutdownFlags) async throws(VirtError) {
        throw defaultReached(.domainShutdown)
    }
    public func domainReboot(_ domain: DomainRef, flags: DomainShutdownFlags) async throws(VirtError) {
        throw defaultReached(.domainReboot)
    }
    public func domainSuspend(_ domain: DomainRef) async throws(VirtError) {
        throw defaultReached(.domainSuspend)
    }
    public func domainResume(_ domain: DomainRef) async throws(VirtError) {
        throw defaultReached(.domainResume)
    }
    public func domainSave(_ domain: DomainRef, to path: String) async throws(VirtError) {
        throw defaultReached(.domainSave)
    }
    public func domainRestore(from path: String) async throws(VirtError) -> DomainRef {
        throw defaultReached(.domainRestore)
    }
    public func domainGetOSType(_ domain: DomainRef) async throws(VirtError) -> String {
        throw defaultReached(.domainGetOSType)
    }
    public func domainGetMaxMemory(_ domain: DomainRef) async throws(VirtError) -> UInt64 {
        throw defaultReached(.domainGetMaxMemory)
    }
    public func domainIsActive(_ domain: DomainRef) async throws(VirtError) -> Bool {
        throw defaultReached(.domainIsActive)
    }
    public func domainIsPersistent(_ domain: DomainRef) async throws(VirtError) -> Bool {
        throw defaultReached(.domainIsPersistent)
    }
    public func domainGetAutostart(_ domain: DomainRef) async throws(VirtError) -> Bool {
        throw defaultReached(.domainGetAutostart)
    }
    public func domainHasManagedSaveImage(_ domain: DomainRef) async throws(VirtError) -> Bool {
        throw defaultReached(.domainHasManagedSaveImage)
    }
    public func domainGetSecurityLabel(_ domain: DomainRef) async throws(VirtError) -> SecurityLabel {
        throw defaultReached(.domainGetSecurityLabel)
    }
    public func domainSetMemoryFlags(_ domain: DomainRef, kib: UInt64, flags: DomainModificationFlags) async throws(VirtError) {
        throw defaultReached(.domainSetMemoryFlags)
    }
    public func domainSetVcpusFlags(_ domain: DomainRef, count: UInt32, flags: DomainModificationFlags) async throws(VirtError) {
        throw defaultReached(.domainSetVcpusFlags)
    }
    public func domainGetVcpusFlags(_ domain: DomainRef, flags: DomainModificationFlags) async throws(VirtError) -> Int {
        throw defaultReached(.domainGetVcpusFlags)
    }
    public func domainGetVcpus(_ domain: DomainRef) async throws(VirtError) -> [VcpuInfo] {
        throw defaultReached(.domainGetVcpus)
    }
    public func domainPinVcpuFlags(_ domain: DomainRef, vcpu: UInt32, map: CPUMap, flags: DomainModificationFlags) async throws(VirtError) {
        throw defaultReached(.domainPinVcpuFlags)
    }
    public func domainGetVcpuPinInfo(_ domain: DomainRef, flags: DomainModificationFlags) async throws(VirtError) -> [CPUMap] {
        throw defaultReached(.domainGetVcpuPinInfo)
    }
    public func domainDestroyFlags(_ domain: DomainRef, flags: DomainDestroyFlags) async throws(VirtError) {
        throw defaultReached(.domainDestroyFlags)
    }
    public func domainSaveFlags(_ domain: DomainRef, to path: String, xml: String?, flags: DomainSaveRestoreFlags) async throws(VirtError) {
        throw defaultReached(.domainSaveFlags)
    }
    public func domainRestoreFlags(from path: String, xml: String?, flags: DomainSaveRestoreFlags) async throws(VirtError) -> DomainRef {
        throw defaultReached(.domainRestoreFlags)
    }
    public func domainCreateWithFiles(_ domain: DomainRef, files: [Int32], flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        throw defaultReached(.domainCreateWithFiles)
    }
    public func domainCreateXMLWithFiles(_ xml: String, files: [Int32], flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        throw defaultReached(.domainCreateXMLWithFiles)
    }
    public func domainGetMessages(_ domain: DomainRef, flags: DomainMessageFlags) async throws(VirtError) -> [String] {
        throw defaultReached(.domainGetMessages)
    }
    public func domainManagedSaveRemove(_ domain: DomainRef) async throws(VirtError) {
        throw defaultReached(.domainManagedSaveRemove)
    }
    public func domainOpenConsole(_ domain: DomainRef, device: String?, flags: DomainConsoleFlags) async throws(VirtError) -> ConsoleStream {
        throw defaultReached(.domainOpenConsole)
    }
    public func domainBlockStats(_ domain: DomainRef, path: String) async throws(VirtError) -> DomainBlockStats {
        throw defaultReached(.domainBlockStats)
    }
    public func domainBlockStatsFlags(_ domain: DomainRef, path: String, flags: UInt32) async throws(VirtError) -> [TypedParameter] {
        throw defaultReached(.domainBlockStatsFlags)
    }
    public func domainInterfaceStats(_ domain: DomainRef, device: String) async throws(VirtError) -> DomainInterfaceStats {
        throw defaultReached(.domainInterfaceStats)
    }
    public func domainMemoryStats(_ domain: DomainRef, maxStats: UInt32, flags: UInt32) async throws(VirtError) -> [DomainMemoryStat] {
        throw defaultReached(.domainMemoryStats)
    }
    public func domainSetMemoryStatsPeriod(_ domain: DomainRef, period: Int32, flags: DomainModificationFlags) async throws(VirtError) {
        throw defaultReached(.domainSetMemoryStatsPeriod)
    }
    public func connectGetAllDomainStats(
        _ domains: [DomainRef], stats: DomainStatsTypes, flags: DomainStatsFlags
    ) async throws(VirtError) -> [DomainStatsRecord] {
        throw defaultReached(.connectGetAllDomainStats)
    }
}
