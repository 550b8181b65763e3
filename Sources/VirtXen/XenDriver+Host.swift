import FoundationEssentials
import VirtDriver
import VirtOS

extension XenDriver {
    func connectGetType() -> String { "Xen" }

    /// Xen's version, major * 1,000,000 + minor * 1,000 + release.
    func connectGetVersion() async throws(VirtError) -> UInt64 {
        try await toolstack.versionInfo().encoded
    }

    func connectGetHostname() async throws(VirtError) -> String {
        ProcessInfo.processInfo.hostName
    }

    /// The host CPUs Xen can address, as libvirt's libxl driver reports it.
    func connectGetMaxVcpus(type: String?) async throws(VirtError) -> Int {
        try await toolstack.maxCPUs()
    }

    /// The host as Xen sees it (physinfo): all of its memory and CPUs, not just dom0's.
    func nodeGetInfo() async throws(VirtError) -> NodeInfo {
        let physical = try await toolstack.physicalInfo()
        return NodeInfo(
            model: HostInfo.machine(), memoryKiB: physical.totalPages * UInt64(try await pageSize()) / 1024,
            cpus: physical.cpuCount, mhz: physical.cpuKHz / 1000, nodes: physical.nodeCount, sockets: 1,
            cores: physical.coresPerSocket, threads: physical.threadsPerCore)
    }

    func nodeGetCPUMap() async throws(VirtError) -> NodeCPUMap {
        let physical = try await toolstack.physicalInfo()
        let count = Int(physical.maxCPUID) + 1
        return NodeCPUMap(cpuCount: count, online: .all(cpuCount: Int(physical.cpuCount)), onlineCount: Int(physical.cpuCount))
    }

    func nodeGetSecurityModel() async throws(VirtError) -> SecurityModel {
        SecurityModel(model: "none", doi: "0")
    }
}
