/// A domain's summary (`virDomainInfo`).
public struct DomainInfo: Sendable, Hashable {
    public var state: DomainState
    /// Maximum memory in KiB.
    public var maxMemoryKiB: UInt64
    /// Current memory in KiB.
    public var memoryKiB: UInt64
    public var virtualCPUs: UInt16
    /// CPU time used, in nanoseconds.
    public var cpuTimeNanoseconds: UInt64

    public init(state: DomainState, maxMemoryKiB: UInt64, memoryKiB: UInt64, virtualCPUs: UInt16, cpuTimeNanoseconds: UInt64) {
        self.state = state
        self.maxMemoryKiB = maxMemoryKiB
        self.memoryKiB = memoryKiB
        self.virtualCPUs = virtualCPUs
        self.cpuTimeNanoseconds = cpuTimeNanoseconds
    }
}
