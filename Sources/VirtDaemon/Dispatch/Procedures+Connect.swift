import Virt
import VirtRPC

/// The connection's own procedures: authentication, open and close, features, and the host's facts.
extension ProcedureTable {
    mutating func addConnectProcedures() {
        add(.authList, "virConnectOpen", .reads, beforeAuthentication: true, XDRVoid.self) { _, client in
            RemoteAuthListRet(types: [client.authType.wireValue])
        }
        add(.connectSupportsFeature, "virConnectSupportsFeature", .reads, beforeOpen: true,
            RemoteConnectSupportsFeatureArgs.self) { args, client throws(VirtError) in
            RemoteConnectSupportsFeatureRet(supported: try client.supportsFeature(args.feature) ? 1 : 0)
        }
        add(.connectOpen, "virConnectOpen", .reads, RemoteConnectOpenArgs.self) { args, client throws(VirtError) in
            guard let name = args.name else { throw VirtError(.internalError, .none, "connection not open") }
            try await client.open(name: name, readOnlyFlag: args.flags & 1 != 0)
            return XDRVoid()
        }
        add(.connectClose, "virConnectClose", .reads, XDRVoid.self) { _, client in
            client.close()
            return XDRVoid()
        }
        add(.connectRegisterCloseCallback, "virConnectRegisterCloseCallback", .reads, XDRVoid.self) { _, client in
            client.setCloseCallback(true)
            return XDRVoid()
        }
        add(.connectUnregisterCloseCallback, "virConnectUnregisterCloseCallback", .reads, XDRVoid.self) { _, client in
            client.setCloseCallback(false)
            return XDRVoid()
        }
        add(.connectGetType, "virConnectGetType", .reads, XDRVoid.self) { _, client throws(VirtError) in
            RemoteConnectGetTypeRet(type: try client.connection().hypervisorType())
        }
        add(.connectGetVersion, "virConnectGetVersion", .reads, XDRVoid.self) { _, client throws(VirtError) in
            RemoteConnectGetVersionRet(hvVer: try await client.connection().hypervisorVersion().encoded)
        }
        add(.connectGetLibVersion, "virConnectGetLibVersion", .reads, XDRVoid.self) { _, _ in
            RemoteConnectGetLibVersionRet(libVer: LibraryVersion.api.encoded)
        }
        add(.connectGetHostname, "virConnectGetHostname", .reads, XDRVoid.self) { _, client throws(VirtError) in
            RemoteConnectGetHostnameRet(hostname: try await client.connection().hostname())
        }
        add(.connectGetUri, "virConnectGetURI", .reads, XDRVoid.self) { _, client throws(VirtError) in
            RemoteConnectGetUriRet(uri: try client.connection().uri.description)
        }
        add(.connectGetMaxVcpus, "virConnectGetMaxVcpus", .reads, RemoteConnectGetMaxVcpusArgs.self) {
            args, client throws(VirtError) in
            RemoteConnectGetMaxVcpusRet(maxVcpus: Int32(clamping: try await client.connection().maxVcpus(type: args.type)))
        }
        add(.connectIsSecure, "virConnectIsSecure", .reads, XDRVoid.self) { _, client in
            RemoteConnectIsSecureRet(secure: client.origin.secure ? 1 : 0)
        }
        add(.connectGetCapabilities, "virConnectGetCapabilities", .reads, XDRVoid.self) { _, client throws(VirtError) in
            RemoteConnectGetCapabilitiesRet(capabilities: try await client.connection().capabilities())
        }
        add(.connectDomainXmlToNative, "virConnectDomainXMLToNative", .mutates, RemoteConnectDomainXmlToNativeArgs.self) {
            args, client throws(VirtError) in
            try Self.noFlags(args.flags, "virConnectDomainXMLToNative")
            let config = try await client.connection().domainXMLToNative(
                format: NativeConfigFormat(rawValue: args.nativeFormat), xml: args.domainXml)
            return RemoteConnectDomainXmlToNativeRet(nativeConfig: config)
        }
        add(.connectDomainXmlFromNative, "virConnectDomainXMLFromNative", .mutates, RemoteConnectDomainXmlFromNativeArgs.self) {
            args, client throws(VirtError) in
            try Self.noFlags(args.flags, "virConnectDomainXMLFromNative")
            let xml = try await client.connection().domainXMLFromNative(
                format: NativeConfigFormat(rawValue: args.nativeFormat), config: args.nativeConfig)
            return RemoteConnectDomainXmlFromNativeRet(domainXml: xml)
        }
        add(.nodeGetInfo, "virNodeGetInfo", .reads, XDRVoid.self) { _, client throws(VirtError) in
            let info = try await client.connection().nodeInfo()
            return RemoteNodeGetInfoRet(
                model: XDRFixedCharArray32(info.model), memory: info.memoryKiB,
                cpus: Int32(clamping: info.cpus), mhz: Int32(clamping: info.mhz), nodes: Int32(clamping: info.nodes),
                sockets: Int32(clamping: info.sockets), cores: Int32(clamping: info.cores),
                threads: Int32(clamping: info.threads))
        }
        add(.nodeGetCpuMap, "virNodeGetCPUMap", .reads, RemoteNodeGetCpuMapArgs.self) { args, client throws(VirtError) in
            let map = try await client.connection().nodeCPUMap()
            return RemoteNodeGetCpuMapRet(
                cpumap: XDROpaque(args.needMap != 0 ? map.online.bytes : []),
                online: UInt32(clamping: args.needOnline != 0 ? map.onlineCount : 0),
                ret: Int32(clamping: map.cpuCount))
        }
        add(.nodeGetSecurityModel, "virNodeGetSecurityModel", .reads, XDRVoid.self) { _, client throws(VirtError) in
            let model = try await client.connection().securityModel()
            return RemoteNodeGetSecurityModelRet(model: XDRCharArray(cString: model.model), doi: XDRCharArray(cString: model.doi))
        }
    }
}
