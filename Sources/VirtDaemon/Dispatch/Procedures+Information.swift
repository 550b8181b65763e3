import Virt
import VirtRPC

/// What a domain is and how it is doing.
extension ProcedureTable {
    mutating func addInformationProcedures() {
        add(.domainGetInfo, "virDomainGetInfo", .reads, RemoteDomainGetInfoArgs.self) { args, client throws(VirtError) in
            let info = try await client.domain(args.dom).info()
            return RemoteDomainGetInfoRet(
                state: UInt8(clamping: info.state.rawValue), maxMem: info.maxMemoryKiB, memory: info.memoryKiB,
                nrVirtCpu: info.virtualCPUs, cpuTime: info.cpuTimeNanoseconds)
        }
        add(.domainGetState, "virDomainGetState", .reads, RemoteDomainGetStateArgs.self) { args, client throws(VirtError) in
            try Self.noFlags(args.flags, "virDomainGetState")
            let state = try await client.domain(args.dom).state()
            return RemoteDomainGetStateRet(state: state.state.rawValue, reason: state.reasonCode)
        }
        add(.domainGetOsType, "virDomainGetOSType", .reads, RemoteDomainGetOsTypeArgs.self) { args, client throws(VirtError) in
            RemoteDomainGetOsTypeRet(type: try await client.domain(args.dom).osType())
        }
        add(.domainGetXmlDesc, "virDomainGetXMLDesc", .reads, RemoteDomainGetXmlDescArgs.self) { args, client throws(VirtError) in
            let flags = DomainXMLFlags(rawValue: args.flags)
            if flags.contains(.secure), client.isReadOnly {
                throw VirtError(.operationDenied, .domain, "virDomainGetXMLDesc with secure flag")
            }
            return RemoteDomainGetXmlDescRet(xml: try await client.domain(args.dom).xmlDescription(flags: flags))
        }
        add(.domainGetMaxMemory, "virDomainGetMaxMemory", .reads, RemoteDomainGetMaxMemoryArgs.self) {
            args, client throws(VirtError) in
            RemoteDomainGetMaxMemoryRet(memory: try await client.domain(args.dom).maxMemory())
        }
        add(.domainGetMaxVcpus, "virDomainGetMaxVcpus", .reads, RemoteDomainGetMaxVcpusArgs.self) {
            args, client throws(VirtError) in
            let count = try await client.domain(args.dom).vcpuCount(flags: [.live, .maximum])
            return RemoteDomainGetMaxVcpusRet(num: Int32(clamping: count))
        }
        add(.domainIsActive, "virDomainIsActive", .reads, RemoteDomainIsActiveArgs.self) { args, client throws(VirtError) in
            RemoteDomainIsActiveRet(active: try await client.domain(args.dom).isActive() ? 1 : 0)
        }
        add(.domainIsPersistent, "virDomainIsPersistent", .reads, RemoteDomainIsPersistentArgs.self) {
            args, client throws(VirtError) in
            RemoteDomainIsPersistentRet(persistent: try await client.domain(args.dom).isPersistent() ? 1 : 0)
        }
        add(.domainGetAutostart, "virDomainGetAutostart", .reads, RemoteDomainGetAutostartArgs.self) {
            args, client throws(VirtError) in
            RemoteDomainGetAutostartRet(autostart: try await client.domain(args.dom).autostart() ? 1 : 0)
        }
        add(.domainHasManagedSaveImage, "virDomainHasManagedSaveImage", .reads, RemoteDomainHasManagedSaveImageArgs.self) {
            args, client throws(VirtError) in
            try Self.noFlags(args.flags, "virDomainHasManagedSaveImage")
            return RemoteDomainHasManagedSaveImageRet(result: try await client.domain(args.dom).hasManagedSaveImage() ? 1 : 0)
        }
        add(.domainGetSecurityLabel, "virDomainGetSecurityLabel", .reads, RemoteDomainGetSecurityLabelArgs.self) {
            args, client throws(VirtError) in
            let label = try await client.domain(args.dom).securityLabel()
            return RemoteDomainGetSecurityLabelRet(label: XDRCharArray(cString: label.label), enforcing: label.enforcing ? 1 : 0)
        }
        add(.domainGetMessages, "virDomainGetMessages", .reads, RemoteDomainGetMessagesArgs.self) {
            args, client throws(VirtError) in
            RemoteDomainGetMessagesRet(msgs: try await client.domain(args.dom).messages(flags: DomainMessageFlags(rawValue: args.flags)))
        }
        add(.domainGetVcpus, "virDomainGetVcpus", .reads, RemoteDomainGetVcpusArgs.self) { args, client throws(VirtError) in
            guard args.maxinfo >= 0, args.maplen >= 0, args.maxinfo <= 16384,
                  Int64(args.maxinfo) * Int64(args.maplen) <= 8_388_608 else {
                throw VirtError.rpc("maxinfo * maplen > REMOTE_CPUMAPS_MAX")
            }
            let vcpus = Array(try await client.domain(args.dom).vcpus().prefix(Int(args.maxinfo)))
            let maplen = Int(args.maplen)
            return RemoteDomainGetVcpusRet(
                info: vcpus.map {
                    RemoteVcpuInfo(number: $0.number, state: $0.state.rawValue, cpuTime: $0.cpuTimeNanoseconds, cpu: $0.cpu)
                },
                cpumaps: XDROpaque(CPUMap.pack(vcpus.map(\.affinity), mapLength: maplen)))
        }
        add(.domainGetVcpusFlags, "virDomainGetVcpusFlags", .reads, RemoteDomainGetVcpusFlagsArgs.self) {
            args, client throws(VirtError) in
            let count = try await client.domain(args.dom).vcpuCount(flags: DomainModificationFlags(rawValue: args.flags))
            return RemoteDomainGetVcpusFlagsRet(num: Int32(clamping: count))
        }
        add(.domainGetVcpuPinInfo, "virDomainGetVcpuPinInfo", .reads, RemoteDomainGetVcpuPinInfoArgs.self) {
            args, client throws(VirtError) in
            guard args.ncpumaps >= 0, args.maplen >= 0, Int64(args.ncpumaps) * Int64(args.maplen) <= 8_388_608 else {
                throw VirtError.rpc("ncpumaps * maplen > REMOTE_CPUMAPS_MAX")
            }
            let maps = Array(try await client.domain(args.dom)
                .vcpuPinInfo(flags: DomainModificationFlags(rawValue: args.flags)).prefix(Int(args.ncpumaps)))
            return RemoteDomainGetVcpuPinInfoRet(
                cpumaps: XDROpaque(CPUMap.pack(maps, mapLength: Int(args.maplen))), num: Int32(maps.count))
        }
    }

    /// Refuses flags on a call that takes none, as libvirt's drivers do (virCheckFlags(0)).
    static func noFlags(_ flags: UInt32, _ function: String) throws(VirtError) {
        try VirtError.checkFlags(flags, allowed: 0, function: function, domain: .domain)
    }
}
