import CLibvirt
import Glibc
import Virt

// Memory and virtual CPUs (libvirt-domain.c).

/// KiB; changes the persistent maximum.
@c @implementation
public func virDomainSetMaxMemory(_ domain: virDomainPtr?, _ memory: UInt) -> Int32 {
    EntryPoint("virDomainSetMaxMemory").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.domainOrDomain0(domain)
        try entry.call(on: handle.connection) { () async throws(VirtError) in
            try await handle.domain.setMaxMemory(UInt64(memory))
        }
        return 0
    }
}

/// KiB; changes the running domain's memory target.
@c @implementation
public func virDomainSetMemory(_ domain: virDomainPtr?, _ memory: UInt) -> Int32 {
    EntryPoint("virDomainSetMemory").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.domainOrDomain0(domain)
        try entry.call(on: handle.connection) { () async throws(VirtError) in
            try await handle.domain.setMemory(UInt64(memory))
        }
        return 0
    }
}

@c @implementation
public func virDomainSetVcpus(_ domain: virDomainPtr?, _ nvcpus: UInt32) -> Int32 {
    EntryPoint("virDomainSetVcpus").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.domainOrDomain0(domain)
        try entry.call(on: handle.connection) { () async throws(VirtError) in
            try await handle.domain.setVcpus(nvcpus)
        }
        return 0
    }
}

/// `cpumap` holds `maplen` bytes; host CPUs beyond it are not usable.
@c @implementation
public func virDomainPinVcpu(
    _ domain: virDomainPtr?, _ vcpu: UInt32, _ cpumap: UnsafeMutablePointer<UInt8>?, _ maplen: Int32
) -> Int32 {
    EntryPoint("virDomainPinVcpu").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.domainOrDomain0(domain)
        try entry.requireWritable(handle.connection)
        guard let cpumap else {
            throw APIFailure(error: entry.mustNotBeNull("cpumap"), connection: handle.connection)
        }
        try entry.require(maplen > 0, entry.mustBePositive("maplen"), on: handle.connection)
        let map = CPUMap(bytes: Array(UnsafeBufferPointer(start: cpumap, count: Int(maplen))))
        try entry.call(on: handle.connection) { () async throws(VirtError) in
            try await handle.domain.pinVcpu(vcpu, to: map)
        }
        return 0
    }
}

/// Fills at most `maxinfo` vCPUs and, when `cpumaps` is given, their maps of `maplen` bytes each;
/// returns how many it filled.
@c @implementation
public func virDomainGetVcpus(
    _ domain: virDomainPtr?, _ info: virVcpuInfoPtr?, _ maxinfo: Int32,
    _ cpumaps: UnsafeMutablePointer<UInt8>?, _ maplen: Int32
) -> Int32 {
    EntryPoint("virDomainGetVcpus").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.domainOrDomain0(domain)
        let connection = handle.connection
        guard let info else { throw APIFailure(error: entry.mustNotBeNull("info"), connection: connection) }
        try entry.require(maxinfo > 0, entry.mustBePositive("maxinfo"), on: connection)
        if cpumaps != nil {
            try entry.require(maplen > 0, entry.mustBePositive("maplen"), on: connection)
            let (_, overflow) = maxinfo.multipliedReportingOverflow(by: maplen)
            try entry.require(
                !overflow, VirtError(.overflow, .domain, "input too large: \(maxinfo) * \(maplen)"), on: connection)
        } else {
            try entry.require(maplen == 0, entry.mustNotBeZero("maplen"), on: connection)
        }
        let vcpus = try entry.call(on: connection) { () async throws(VirtError) in
            try await handle.domain.vcpus()
        }
        let filled = min(vcpus.count, Int(maxinfo))
        info.initialize(repeating: virVcpuInfo(), count: filled)
        if let cpumaps {
            cpumaps.initialize(repeating: 0, count: filled * Int(maplen))
        }
        for (index, vcpu) in vcpus.prefix(filled).enumerated() {
            CStructs.fill(info + index, from: vcpu)
            if let cpumaps {
                CStructs.write(vcpu.affinity, to: cpumaps + index * Int(maplen), length: Int(maplen))
            }
        }
        return Int32(filled)
    }
}
