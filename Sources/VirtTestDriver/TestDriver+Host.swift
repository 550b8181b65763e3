import FoundationEssentials
import VirtDriver

extension TestDriver {
    func connectGetType() -> String { "TEST" }

    func connectGetVersion() async throws(VirtError) -> UInt64 { 2 }

    func connectGetHostname() async throws(VirtError) -> String {
        ProcessInfo.processInfo.hostName
    }

    func connectGetMaxVcpus(type: String?) async throws(VirtError) -> Int { Int(TestHost.maxVcpus) }

    func nodeGetInfo() async throws(VirtError) -> NodeInfo {
        withHostValue { $0.node }
    }

    /// libvirt's test driver reports a fixed map: 8 CPUs, 3 online (0, 2 and 4).
    func nodeGetCPUMap() async throws(VirtError) -> NodeCPUMap {
        NodeCPUMap(cpuCount: 8, online: CPUMap(bytes: [0x15]), onlineCount: 3)
    }

    func nodeGetSecurityModel() async throws(VirtError) -> SecurityModel {
        SecurityModel(model: "testSecurity", doi: "")
    }

    func withHostValue<R>(_ body: (TestHost) -> R) -> R {
        store.host.withLock { body($0) }
    }
}
