extension Connection {
    /// The id of the hypervisor's control domain (Xen's Domain-0), which the seed API's NULL domain stood
    /// for; nil on hypervisors without one.
    public var controlDomainID: Int32? { driver.controlDomainID }

    /// Where a task that only waits for this connection runs best (the remote driver's event loop); nil for
    /// the default executor. The C API's blocking bridge uses it.
    public var preferredTaskExecutor: (any TaskExecutor)? { driver.preferredTaskExecutor }

    /// The hypervisor's name (`virConnectGetType`): "TEST", "QEMU", "Xen".
    public func hypervisorType() throws(VirtError) -> String {
        try checked("virConnectGetType").connectGetType()
    }

    /// The hypervisor's version (`virConnectGetVersion`); 0 when it cannot be told.
    public func hypervisorVersion() async throws(VirtError) -> VersionNumber {
        VersionNumber(encoded: try await checked("virConnectGetVersion").connectGetVersion())
    }

    /// The host's name (`virConnectGetHostname`).
    public func hostname() async throws(VirtError) -> String {
        try await checked("virConnectGetHostname").connectGetHostname()
    }

    /// The most vCPUs a guest of this `type` may have (`virConnectGetMaxVcpus`).
    public func maxVcpus(type: String? = nil) async throws(VirtError) -> Int {
        try await checked("virConnectGetMaxVcpus").connectGetMaxVcpus(type: type)
    }

    /// The host's hardware (`virNodeGetInfo`).
    public func nodeInfo() async throws(VirtError) -> NodeInfo {
        try await checked("virNodeGetInfo").nodeGetInfo()
    }

    /// What the host and hypervisor can run, as libvirt's capabilities XML (`virConnectGetCapabilities`).
    public func capabilities() async throws(VirtError) -> String {
        try await checked("virConnectGetCapabilities").connectGetCapabilities()
    }

    /// The host's CPUs and which are online (`virNodeGetCPUMap`).
    public func nodeCPUMap() async throws(VirtError) -> NodeCPUMap {
        try await checked("virNodeGetCPUMap").nodeGetCPUMap()
    }

    /// The host's security model (`virNodeGetSecurityModel`).
    public func securityModel() async throws(VirtError) -> SecurityModel {
        try await checked("virNodeGetSecurityModel").nodeGetSecurityModel()
    }

    /// The library's version (`virGetVersion`): the libvirt API level SwiftVirt implements.
    public static var libraryVersion: VersionNumber { LibraryVersion.api }
}
