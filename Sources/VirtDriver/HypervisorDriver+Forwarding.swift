/// The seed's flag-less calls, forwarded to their `...Flags` forms with the flags most drivers use
/// (libvirt's QEMU driver maps them the same way). A driver whose flag-less call behaves differently, such
/// as libvirt's test driver, implements it itself. These are separate requirements, like libvirt's separate
/// driver-table entries and wire procedures, so the difference survives a trip over the wire.
extension HypervisorDriver {
    public func domainSetMaxMemory(_ domain: DomainRef, kib: UInt64) async throws(VirtError) {
        try await domainSetMemoryFlags(domain, kib: kib, flags: .maximum)
    }

    public func domainSetMemory(_ domain: DomainRef, kib: UInt64) async throws(VirtError) {
        try await domainSetMemoryFlags(domain, kib: kib, flags: .live)
    }

    public func domainSetVcpus(_ domain: DomainRef, count: UInt32) async throws(VirtError) {
        try await domainSetVcpusFlags(domain, count: count, flags: .live)
    }

    public func domainPinVcpu(_ domain: DomainRef, vcpu: UInt32, map: CPUMap) async throws(VirtError) {
        try await domainPinVcpuFlags(domain, vcpu: vcpu, map: map, flags: .live)
    }
}
