/// The seed's flag-less calls, forwarded to their `...Flags` forms with the flags most drivers use
/// (libvirt's QEMU driver maps them the same way), for a driver whose table says
/// `.forwarded(to: <successor>)`. A driver whose flag-less call behaves differently, such as libvirt's test
/// driver, implements it itself; the remote driver sends it as its own procedure. These are separate
/// requirements, like libvirt's separate driver-table entries and wire procedures, so the difference
/// survives a trip over the wire.
extension HypervisorDriver {
    /// Forwards only what the driver's table says it forwards; otherwise the default answers as the table says.
    private func requireForwarding(_ operation: DriverOperation) throws(VirtError) {
        guard let successor = operation.flagsSuccessor, implementation(of: operation) == .forwarded(to: successor) else {
            throw defaultReached(operation)
        }
    }

    public func domainSetMaxMemory(_ domain: DomainRef, kib: UInt64) async throws(VirtError) {
        try requireForwarding(.domainSetMaxMemory)
        try await domainSetMemoryFlags(domain, kib: kib, flags: .maximum)
    }

    public func domainSetMemory(_ domain: DomainRef, kib: UInt64) async throws(VirtError) {
        try requireForwarding(.domainSetMemory)
        try await domainSetMemoryFlags(domain, kib: kib, flags: .live)
    }

    public func domainSetVcpus(_ domain: DomainRef, count: UInt32) async throws(VirtError) {
        try requireForwarding(.domainSetVcpus)
        try await domainSetVcpusFlags(domain, count: count, flags: .live)
    }

    public func domainPinVcpu(_ domain: DomainRef, vcpu: UInt32, map: CPUMap) async throws(VirtError) {
        try requireForwarding(.domainPinVcpu)
        try await domainPinVcpuFlags(domain, vcpu: vcpu, map: map, flags: .live)
    }
}
