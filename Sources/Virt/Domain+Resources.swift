extension Domain {
    /// The bound the memory calls enforce, in KiB: libvirt refuses sizes of LLONG_MAX bytes (off_t) and up
    /// (virMemoryMaxValue on 64-bit hosts).
    static let memoryLimitKiB = UInt64(Int64.max) / 1024

    /// Sets the maximum memory, in KiB, in the persistent definition (`virDomainSetMaxMemory`).
    /// - Throws: VIR_ERR_INVALID_ARG for 0; the driver refuses it on a running domain.
    public func setMaxMemory(_ kib: UInt64) async throws(VirtError) {
        let driver = try checkedForWrite("virDomainSetMaxMemory")
        try Self.checkMemory(kib, function: "virDomainSetMaxMemory")
        try await driver.domainSetMaxMemory(ref, kib: kib)
    }

    /// Sets the memory target (the balloon), in KiB, of the running domain (`virDomainSetMemory`).
    public func setMemory(_ kib: UInt64) async throws(VirtError) {
        let driver = try checkedForWrite("virDomainSetMemory")
        try Self.checkMemory(kib, function: "virDomainSetMemory")
        try await driver.domainSetMemory(ref, kib: kib)
    }

    /// Sets memory, in KiB, in the live and/or persistent definition; with `.maximum`, the maximum
    /// (`virDomainSetMemoryFlags`).
    public func setMemory(_ kib: UInt64, flags: DomainModificationFlags) async throws(VirtError) {
        let driver = try checkedForWrite("virDomainSetMemoryFlags")
        try Self.checkMemory(kib, function: "virDomainSetMemoryFlags")
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
        let driver = try checkedForWrite("virDomainSetVcpus")
        try Self.checkVcpuCount(count, function: "virDomainSetVcpus")
        try await driver.domainSetVcpus(ref, count: count)
    }

    /// Sets the vCPU count in the live and/or persistent definition; with `.maximum`, the maximum
    /// (`virDomainSetVcpusFlags`).
    public func setVcpus(_ count: UInt32, flags: DomainModificationFlags) async throws(VirtError) {
        let driver = try checkedForWrite("virDomainSetVcpusFlags")
        try Self.checkVcpuCount(count, function: "virDomainSetVcpusFlags")
        try await driver.domainSetVcpusFlags(ref, count: count, flags: flags)
    }

    private static func checkVcpuCount(_ count: UInt32, function: String) throws(VirtError) {
        if count == 0 {
            throw .invalidArgument("nvcpus", of: function, "nvcpus in \(function) must not be zero")
        }
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
        let driver = try checkedForWrite("virDomainPinVcpu")
        try Self.checkMap(map, function: "virDomainPinVcpu")
        try await driver.domainPinVcpu(ref, vcpu: vcpu, map: map)
    }

    /// Restricts a vCPU in the live and/or persistent definition (`virDomainPinVcpuFlags`).
    public func pinVcpu(_ vcpu: UInt32, to map: CPUMap, flags: DomainModificationFlags) async throws(VirtError) {
        let driver = try checkedForWrite("virDomainPinVcpuFlags")
        try Self.checkMap(map, function: "virDomainPinVcpuFlags")
        try await driver.domainPinVcpuFlags(ref, vcpu: vcpu, map: map, flags: flags)
    }

    private static func checkMap(_ map: CPUMap, function: String) throws(VirtError) {
        if map.length == 0 {
            throw .invalidArgument("maplen", of: function, "maplen in \(function) must be greater than zero")
        }
    }

    /// Every vCPU's affinity in the chosen definition (`virDomainGetVcpuPinInfo`).
    public func vcpuPinInfo(flags: DomainModificationFlags = []) async throws(VirtError) -> [CPUMap] {
        try await checked("virDomainGetVcpuPinInfo").domainGetVcpuPinInfo(ref, flags: flags)
    }
}
