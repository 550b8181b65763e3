public import VirtModel

/// Changes drivers make to definitions at run time (pinning, vCPU counts), in one place so every driver
/// changes a definition the same way.
extension CPUTune {
    /// Sets (or replaces) one vCPU's pin, keeping pins in vCPU order.
    public mutating func setPin(vcpu: UInt32, cpuset: String) {
        vcpuPins.removeAll { $0.vcpu == vcpu }
        let index = vcpuPins.firstIndex(where: { $0.vcpu > vcpu }) ?? vcpuPins.endIndex
        vcpuPins.insert(VcpuPin(vcpu: vcpu, cpuset: cpuset), at: index)
    }
}

extension VcpuConfig {
    /// Brings the first `count` vCPUs online (count <= maximum); `current` is written only when it differs.
    public mutating func setOnline(_ count: UInt32) {
        current = count == maximum ? nil : count
    }
}

extension DomainDefinition {
    /// Changes the maximum vCPU count; vCPUs beyond it, and their pins, go away. A count beyond what a
    /// definition may hold is refused as the parser refuses it (a stored definition must read back).
    public mutating func setMaximumVcpus(_ count: UInt32) throws(VirtError) {
        try VcpuConfig.checkMaximum(count, written: "\(count)")
        let online = min(vcpu.online, count)
        vcpu.maximum = count
        vcpu.setOnline(online)
        cputune.vcpuPins.removeAll { $0.vcpu >= count }
    }
}
