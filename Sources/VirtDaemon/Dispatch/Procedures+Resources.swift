import Virt
import VirtRPC

/// Memory and vCPUs.
extension ProcedureTable {
    mutating func addResourceProcedures() {
        add(.domainSetMaxMemory, "virDomainSetMaxMemory", .mutates, RemoteDomainSetMaxMemoryArgs.self) {
            args, client throws(VirtError) in
            try await client.domain(args.dom).setMaxMemory(args.memory)
            return XDRVoid()
        }
        add(.domainSetMemory, "virDomainSetMemory", .mutates, RemoteDomainSetMemoryArgs.self) { args, client throws(VirtError) in
            try await client.domain(args.dom).setMemory(args.memory)
            return XDRVoid()
        }
        add(.domainSetMemoryFlags, "virDomainSetMemoryFlags", .mutates, RemoteDomainSetMemoryFlagsArgs.self) {
            args, client throws(VirtError) in
            try await client.domain(args.dom).setMemory(args.memory, flags: DomainModificationFlags(rawValue: args.flags))
            return XDRVoid()
        }
        add(.domainSetVcpus, "virDomainSetVcpus", .mutates, RemoteDomainSetVcpusArgs.self) { args, client throws(VirtError) in
            try await client.domain(args.dom).setVcpus(args.nvcpus)
            return XDRVoid()
        }
        add(.domainSetVcpusFlags, "virDomainSetVcpusFlags", .mutates, RemoteDomainSetVcpusFlagsArgs.self) {
            args, client throws(VirtError) in
            try await client.domain(args.dom).setVcpus(args.nvcpus, flags: DomainModificationFlags(rawValue: args.flags))
            return XDRVoid()
        }
        add(.domainPinVcpu, "virDomainPinVcpu", .mutates, RemoteDomainPinVcpuArgs.self) { args, client throws(VirtError) in
            try await client.domain(args.dom).pinVcpu(args.vcpu, to: CPUMap(bytes: args.cpumap.bytes))
            return XDRVoid()
        }
        add(.domainPinVcpuFlags, "virDomainPinVcpuFlags", .mutates, RemoteDomainPinVcpuFlagsArgs.self) {
            args, client throws(VirtError) in
            try await client.domain(args.dom).pinVcpu(
                args.vcpu, to: CPUMap(bytes: args.cpumap.bytes), flags: DomainModificationFlags(rawValue: args.flags))
            return XDRVoid()
        }
    }
}
