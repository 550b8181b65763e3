import FoundationEssentials
import VirtDriver
import VirtOS
import VirtXML

extension QEMUDriver {
    func connectGetType() -> String { "QEMU" }

    /// The version of the QEMU binary this host would use.
    func connectGetVersion() async throws(VirtError) -> UInt64 {
        guard let binary = QEMUEmulator.search("qemu-system-\(HostInfo.machine())") else { return 0 }
        return try await QEMUEmulator.version(of: binary).encoded
    }

    func connectGetHostname() async throws(VirtError) -> String {
        ProcessInfo.processInfo.hostName
    }

    /// QEMU's limit for the default x86 machine type.
    func connectGetMaxVcpus(type: String?) async throws(VirtError) -> Int { 255 }

    func nodeGetInfo() async throws(VirtError) -> NodeInfo {
        let host = HostInfo.read()
        return NodeInfo(model: host.model, memoryKiB: host.memoryKiB, cpus: host.cpus, mhz: host.mhz,
                        nodes: host.nodes, sockets: host.sockets, cores: host.cores, threads: host.threads)
    }

    func nodeGetCPUMap() async throws(VirtError) -> NodeCPUMap {
        let online = HostInfo.onlineCPUs()
        let count = max((online.max() ?? 0) + 1, HostInfo.presentCPUCount())
        return NodeCPUMap(cpuCount: count, online: CPUMap(cpuCount: count, usable: online), onlineCount: online.count)
    }

    /// No security driver (SELinux/AppArmor labelling) is used for QEMU processes.
    func nodeGetSecurityModel() async throws(VirtError) -> SecurityModel {
        SecurityModel(model: "none", doi: "0")
    }
}
