/// A virtual CPU's state (`virVcpuState`).
public enum VcpuState: Int32, Sendable {
    case offline = 0
    case running = 1
    case blocked = 2
}

/// One virtual CPU (`virVcpuInfo`) together with the host CPUs it may run on.
public struct VcpuInfo: Sendable, Hashable {
    public var number: UInt32
    public var state: VcpuState
    /// CPU time used, in nanoseconds.
    public var cpuTimeNanoseconds: UInt64
    /// The host CPU it runs (or last ran) on; -1 when offline.
    public var cpu: Int32
    /// Host CPUs it may run on.
    public var affinity: CPUMap

    public init(number: UInt32, state: VcpuState, cpuTimeNanoseconds: UInt64, cpu: Int32, affinity: CPUMap) {
        self.number = number
        self.state = state
        self.cpuTimeNanoseconds = cpuTimeNanoseconds
        self.cpu = cpu
        self.affinity = affinity
    }
}
