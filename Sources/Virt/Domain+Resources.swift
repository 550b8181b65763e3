extension Domain {
    /// The largest value the memory calls accept, in KiB, as libvirt bounds it (unsigned long long bytes).
    static let memoryLimitKiB = UInt64.max / 1024

    /// Sets the maximum memory, in KiB, in the persistent definition (`virDomainSetMaxMemory`).
    /// - Throws: VIR_ERR_INVALID_ARG for 0; the driver refuses it on a running domain.
    public func setMaxMemory(_ kib: UInt64) async throws(VirtError) {
        let driver = try checkedForWrite("virDomainSetMaxMemory")
        try Self.checkMemory(kib, function: "virDomainSetMaxMemory")
        try await driver.domainSetMemoryFlags(ref, kib: kib, flags: .maximum)
    }

    /// Sets the memory target (the balloon), in KiB, of the running domain (`virDomainSetMemory`).
    public func setMemory(_ kib: UInt64) async throws(VirtError) {
        try await setMemory(kib, flags: .live, function: "virDomainSetMemory")
    }

    /// Sets memory, in KiB, in the live and/or persistent definition; with `.maximum`, the maximum
    /// (`virDomainSetMemoryFlags`).
    public func setMemory(_ kib: UInt64, flags: DomainModificationFlags) async throws(VirtError) {
        try await setMemory(kib, flags: flags, function: "virDomainSetMemoryFlags")
    }

    private func setMemory(_ kib: UInt64, flags: DomainModificationFlags, function: String) async throws(VirtError) {
        let driver = try checkedForWrite(function)
        try Self.checkMemory(kib, function: function)
        try await driver.domainSetMemoryFlags(ref, kib: kib, flags: flags)
    }

    private static func checkMemory(_ kib: UInt64, function: String) throws(VirtError) {
        if kib == 0 {
            throw .invalidArgument("memory", of: function, "memory in \(function) must not be zero")
        }
        if kib >= memoryLimitKiB {
            throw VirtError(.overflow, .domain, "input too large: \(kib)")
        }
    }

    /// Sets how many vCPUs the running domain uses (`virDomainSetVcpus`).
    public func setVcpus(_ count: UInt32) async throws(VirtError) {
        try await setVcpus(count, flags: .live, function: "virDomainSetVcpus")
    }

    /// Sets the vCPU count in the live and/or persistent definition; with `.maximum`, the maximum
    /// (`virDomainSetVcpusFlags`).
    public func setVcpus(_ count: UInt32, flags: DomainModificationFlags) async throws(VirtError) {
        try await setVcpus(count, flags: flags, function: "virDomainSetVcpusFlags")
    }

    private func setVcpus(_ count: UInt32, flags: DomainModificationFlags, function: String) async throws(VirtError) {
        let driver = try checkedForWrite(function)
        if count == 0 {
            throw .invalidArgument("nvcpus", of: function, "nvcpus in \(function) must not be zero")
        }
        try await driver.domainSetVcpusFlags(ref, count: count, flags: flags)
    }

    /// The vCPU count, or with `.maximum` the maximum, of the chosen definition (`virDomainGetVcpusFlags`).
    public func vcpuCount(flags: DomainModificationFlags = []) async throws(VirtError) -> Int {
        try await checked("virDomainGetVcpusFlags").domainGetVcpusFlags(ref, flags: flags)
    }

    /// The running domain's vCPUs: state, CPU time, host CPU and affinity (`virDomainGetVcpus`).
    public func vcpus() async throws(VirtError) -> [VcpuInfo] {
        try await checked("virDomainGetVcpus").domainGetVcpus(ref)
    }

    /// Restricts vCPU `vcpu` of the running domain to the host CPUs in `map` (`virDomainPinVcpu`).
    public func pinVcpu(_ vcpu: UInt32, to map: CPUMap) async throws(VirtError) {
        try await pinVcpu(vcpu, to: map, flags: .live, function: "virDomainPinVcpu")
    }

    /// Restricts a vCPU in the live and/or persistent definition (`virDomainPinVcpuFlags`).
    public func pinVcpu(_ vcpu: UInt32, to map: CPUMap, flags: DomainModificationFlags) async throws(VirtError) {
        try await pinVcpu(vcpu, to: map, flags: flags, function: "virDomainPinVcpuFlags")
    }

    private func pinVcpu(_ vcpu: UInt32, to map: CPUMap, flags: DomainModificationFlags, function: String) async throws(VirtError) {
        let driver = try checkedForWrite(function)
        if map.length == 0 {
            throw .invalidArgument("maplen", of: function, "maplen in \(function) must be greater than zero")
        }
        try await driver.domainPinVcpuFlags(ref, vcpu: vcpu, map: map, flags: flags)
    }

    /// Every vCPU's affinity in the chosen definition (`virDomainGetVcpuPinInfo`).
    public func vcpuPinInfo(flags: DomainModificationFlags = []) async throws(VirtError) -> [CPUMap] {
        try await checked("virDomainGetVcpuPinInfo").domainGetVcpuPinInfo(ref, flags: flags)
    }
}
