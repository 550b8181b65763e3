import FoundationEssentials

/// The defaults: every operation a driver does not implement reports VIR_ERR_NO_SUPPORT with libvirt's API
/// name, the way libvirt's public layer does when a driver table entry is empty. All defaults live here,
/// so the unsupported list reads in one place.
extension HypervisorDriver {
    public func connectClose() {}

    public var shutdownUpdatesHandleID: Bool { true }

    public var controlDomainID: Int32? { nil }

    public var preferredTaskExecutor: (any TaskExecutor)? { nil }

    public func connectGetHostname() async throws(VirtError) -> String {
        throw .unsupported("virConnectGetHostname")
    }
    public func connectGetMaxVcpus(type: String?) async throws(VirtError) -> Int {
        throw .unsupported("virConnectGetMaxVcpus")
    }
    public func connectGetCapabilities() async throws(VirtError) -> String {
        throw .unsupported("virConnectGetCapabilities")
    }
    public func connectDomainEvents() async throws(VirtError) -> AsyncStream<DomainEvent> {
        throw .unsupported("virConnectDomainEventRegisterAny")
    }
    public func nodeGetCPUMap() async throws(VirtError) -> NodeCPUMap {
        throw .unsupported("virNodeGetCPUMap")
    }
    public func nodeGetSecurityModel() async throws(VirtError) -> SecurityModel {
        throw .unsupported("virNodeGetSecurityModel")
    }
    public func connectDomainXMLToNative(format: NativeConfigFormat, xml: String) async throws(VirtError) -> String {
        throw .unsupported("virConnectDomainXMLToNative")
    }
    public func connectDomainXMLFromNative(format: NativeConfigFormat, config: String) async throws(VirtError) -> String {
        throw .unsupported("virConnectDomainXMLFromNative")
    }
    public func connectNumOfDefinedDomains() async throws(VirtError) -> Int {
        throw .unsupported("virConnectNumOfDefinedDomains")
    }
    public func connectListDefinedDomains() async throws(VirtError) -> [String] {
        throw .unsupported("virConnectListDefinedDomains")
    }
    public func connectListAllDomains(flags: DomainListFlags) async throws(VirtError) -> [DomainRef] {
        throw .unsupported("virConnectListAllDomains")
    }
    public func domainDefineXML(_ xml: String, flags: DomainDefineFlags) async throws(VirtError) -> DomainRef {
        throw .unsupported("virDomainDefineXMLFlags")
    }
    public func domainUndefine(_ domain: DomainRef, flags: DomainUndefineFlags) async throws(VirtError) {
        throw .unsupported("virDomainUndefineFlags")
    }
    public func domainCreate(_ domain: DomainRef, flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        throw .unsupported("virDomainCreateWithFlags")
    }
    public func domainCreateXML(_ xml: String, flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        throw .unsupported("virDomainCreateXML")
    }
    public func domainDestroy(_ domain: DomainRef) async throws(VirtError) {
        throw .unsupported("virDomainDestroy")
    }
    public func domainShutdown(_ domain: DomainRef, flags: DomainShutdownFlags) async throws(VirtError) {
        throw .unsupported("virDomainShutdownFlags")
    }
    public func domainReboot(_ domain: DomainRef, flags: DomainShutdownFlags) async throws(VirtError) {
        throw .unsupported("virDomainReboot")
    }
    public func domainSuspend(_ domain: DomainRef) async throws(VirtError) {
        throw .unsupported("virDomainSuspend")
    }
    public func domainResume(_ domain: DomainRef) async throws(VirtError) {
        throw .unsupported("virDomainResume")
    }
    public func domainSave(_ domain: DomainRef, to path: String) async throws(VirtError) {
        throw .unsupported("virDomainSave")
    }
    public func domainRestore(from path: String) async throws(VirtError) -> DomainRef {
        throw .unsupported("virDomainRestore")
    }
    public func domainGetOSType(_ domain: DomainRef) async throws(VirtError) -> String {
        throw .unsupported("virDomainGetOSType")
    }
    public func domainGetMaxMemory(_ domain: DomainRef) async throws(VirtError) -> UInt64 {
        throw .unsupported("virDomainGetMaxMemory")
    }
    public func domainIsActive(_ domain: DomainRef) async throws(VirtError) -> Bool {
        throw .unsupported("virDomainIsActive")
    }
    public func domainIsPersistent(_ domain: DomainRef) async throws(VirtError) -> Bool {
        throw .unsupported("virDomainIsPersistent")
    }
    public func domainGetAutostart(_ domain: DomainRef) async throws(VirtError) -> Bool {
        throw .unsupported("virDomainGetAutostart")
    }
    public func domainHasManagedSaveImage(_ domain: DomainRef) async throws(VirtError) -> Bool {
        throw .unsupported("virDomainHasManagedSaveImage")
    }
    public func domainGetSecurityLabel(_ domain: DomainRef) async throws(VirtError) -> SecurityLabel {
        throw .unsupported("virDomainGetSecurityLabel")
    }
    public func domainSetMemoryFlags(_ domain: DomainRef, kib: UInt64, flags: DomainModificationFlags) async throws(VirtError) {
        throw .unsupported("virDomainSetMemoryFlags")
    }
    public func domainSetVcpusFlags(_ domain: DomainRef, count: UInt32, flags: DomainModificationFlags) async throws(VirtError) {
        throw .unsupported("virDomainSetVcpusFlags")
    }
    public func domainGetVcpusFlags(_ domain: DomainRef, flags: DomainModificationFlags) async throws(VirtError) -> Int {
        throw .unsupported("virDomainGetVcpusFlags")
    }
    public func domainGetVcpus(_ domain: DomainRef) async throws(VirtError) -> [VcpuInfo] {
        throw .unsupported("virDomainGetVcpus")
    }
    public func domainPinVcpuFlags(_ domain: DomainRef, vcpu: UInt32, map: CPUMap, flags: DomainModificationFlags) async throws(VirtError) {
        throw .unsupported("virDomainPinVcpuFlags")
    }
    public func domainGetVcpuPinInfo(_ domain: DomainRef, flags: DomainModificationFlags) async throws(VirtError) -> [CPUMap] {
        throw .unsupported("virDomainGetVcpuPinInfo")
    }
    public func domainDestroyFlags(_ domain: DomainRef, flags: DomainDestroyFlags) async throws(VirtError) {
        throw .unsupported("virDomainDestroyFlags")
    }
    public func domainSaveFlags(_ domain: DomainRef, to path: String, xml: String?, flags: DomainSaveRestoreFlags) async throws(VirtError) {
        throw .unsupported("virDomainSaveFlags")
    }
    public func domainRestoreFlags(from path: String, xml: String?, flags: DomainSaveRestoreFlags) async throws(VirtError) -> DomainRef {
        throw .unsupported("virDomainRestoreFlags")
    }
    public func domainCreateWithFiles(_ domain: DomainRef, files: [Int32], flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        throw .unsupported("virDomainCreateWithFiles")
    }
    public func domainCreateXMLWithFiles(_ xml: String, files: [Int32], flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        throw .unsupported("virDomainCreateXMLWithFiles")
    }
    public func domainGetMessages(_ domain: DomainRef, flags: DomainMessageFlags) async throws(VirtError) -> [String] {
        throw .unsupported("virDomainGetMessages")
    }
    public func domainManagedSaveRemove(_ domain: DomainRef) async throws(VirtError) {
        throw .unsupported("virDomainManagedSaveRemove")
    }
    public func domainOpenConsole(_ domain: DomainRef, device: String?, flags: DomainConsoleFlags) async throws(VirtError) -> ConsoleStream {
        throw .unsupported("virDomainOpenConsole")
    }
}
