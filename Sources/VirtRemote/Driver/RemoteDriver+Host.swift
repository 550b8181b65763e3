import VirtDriver
import VirtRPC

/// The host's facts and the connection's own calls.
extension RemoteDriver {
    public func connectGetVersion() async throws(VirtError) -> UInt64 {
        try await call(.connectGetVersion, XDRVoid(), returning: RemoteConnectGetVersionRet.self).hvVer
    }

    public func connectGetHostname() async throws(VirtError) -> String {
        try await call(.connectGetHostname, XDRVoid(), returning: RemoteConnectGetHostnameRet.self).hostname
    }

    public func connectGetMaxVcpus(type: String?) async throws(VirtError) -> Int {
        Int(try await call(.connectGetMaxVcpus, RemoteConnectGetMaxVcpusArgs(type: type),
                           returning: RemoteConnectGetMaxVcpusRet.self).maxVcpus)
    }

    public func nodeGetInfo() async throws(VirtError) -> NodeInfo {
        let info = try await call(.nodeGetInfo, XDRVoid(), returning: RemoteNodeGetInfoRet.self)
        return NodeInfo(
            model: info.model.string, memoryKiB: info.memory, cpus: UInt32(clamping: info.cpus),
            mhz: UInt32(clamping: info.mhz), nodes: UInt32(clamping: info.nodes),
            sockets: UInt32(clamping: info.sockets), cores: UInt32(clamping: info.cores),
            threads: UInt32(clamping: info.threads))
    }

    public func connectGetCapabilities() async throws(VirtError) -> String {
        try await call(.connectGetCapabilities, XDRVoid(), returning: RemoteConnectGetCapabilitiesRet.self).capabilities
    }

    public func nodeGetCPUMap() async throws(VirtError) -> NodeCPUMap {
        let map = try await call(
            .nodeGetCpuMap, RemoteNodeGetCpuMapArgs(needMap: 1, needOnline: 1, flags: 0),
            returning: RemoteNodeGetCpuMapRet.self)
        return NodeCPUMap(cpuCount: Int(map.ret), online: CPUMap(bytes: map.cpumap.bytes), onlineCount: Int(map.online))
    }

    /// The host's CPU count, as virsh learns it (NODE_GET_CPU_MAP without the map).
    /// How many host CPUs affinity maps must cover. Callers size their maps from NODE_GET_CPU_MAP (virsh) or
    /// from NODE_GET_INFO (the C API's VIR_NODEINFO_MAXCPUS), which some hosts report differently (libvirt's
    /// test node: 8 and 16); maps as wide as the larger serve both, each caller then keeps its own width.
    func hostCPUCount() async throws(VirtError) -> Int {
        let map = try await call(
            .nodeGetCpuMap, RemoteNodeGetCpuMapArgs(needMap: 0, needOnline: 0, flags: 0),
            returning: RemoteNodeGetCpuMapRet.self)
        let node = try await nodeGetInfo()
        return max(1, Int(map.ret), node.maxCPUs)
    }

    public func nodeGetSecurityModel() async throws(VirtError) -> SecurityModel {
        let model = try await call(.nodeGetSecurityModel, XDRVoid(), returning: RemoteNodeGetSecurityModelRet.self)
        return SecurityModel(model: model.model.string, doi: model.doi.string)
    }

    public func connectDomainXMLToNative(format: NativeConfigFormat, xml: String) async throws(VirtError) -> String {
        try await call(
            .connectDomainXmlToNative,
            RemoteConnectDomainXmlToNativeArgs(nativeFormat: format.rawValue, domainXml: xml, flags: 0),
            returning: RemoteConnectDomainXmlToNativeRet.self
        ).nativeConfig
    }

    public func connectDomainXMLFromNative(format: NativeConfigFormat, config: String) async throws(VirtError) -> String {
        try await call(
            .connectDomainXmlFromNative,
            RemoteConnectDomainXmlFromNativeArgs(nativeFormat: format.rawValue, nativeConfig: config, flags: 0),
            returning: RemoteConnectDomainXmlFromNativeRet.self
        ).domainXml
    }
}
