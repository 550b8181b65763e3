import QMP
import VirtDriver
import VirtOS
import VirtXML

extension QEMUDriver {
    /// State from QEMU (over QMP), CPU time from /proc, memory from the balloon. When the monitor is busy
    /// with another process's long operation, state and memory come from the records instead.
    func domainGetInfo(_ ref: DomainRef) async throws(VirtError) -> DomainInfo {
        let record = try await record(ref)
        let def = record.current
        guard let running = record.running else {
            return DomainInfo(state: .shutoff, maxMemoryKiB: def.memory.totalKiB, memoryKiB: def.memory.currentKiB,
                              virtualCPUs: UInt16(clamping: def.vcpu.online), cpuTimeNanoseconds: 0)
        }
        var state = running.status.domainState.state
        var memory = def.memory.currentKiB
        if let observed = await observe(record) {
            state = observed.state
            if let balloon = observed.balloonKiB { memory = balloon }
        }
        let cpuTime = ProcStat.read(pid: running.status.pid)?.cpuTimeNanoseconds ?? 0
        return DomainInfo(state: state, maxMemoryKiB: def.memory.totalKiB, memoryKiB: memory,
                          virtualCPUs: UInt16(clamping: def.vcpu.online), cpuTimeNanoseconds: cpuTime)
    }

    func domainGetState(_ ref: DomainRef) async throws(VirtError) -> DomainStateInfo {
        let record = try await record(ref)
        guard let running = record.running else {
            return .shutoff(store.stopReason(named: record.name))
        }
        let info = running.status.domainState
        // QEMU's own state wins over the recorded one; the recorded reason's number stays (as libvirt's does).
        guard let observed = await observe(record), observed.state != info.state else { return info }
        return DomainStateInfo(state: observed.state, reasonCode: info.reasonCode)
    }

    /// What QEMU itself says: run state and balloon. nil if the monitor does not answer promptly.
    private func observe(_ record: QEMUDomainRecord) async -> (state: DomainState, balloonKiB: UInt64?)? {
        guard let running = record.running, ProcessControl.isAlive(running.status.pid, startTime: running.status.startTime),
              let monitor = try? await openMonitor(paths.monitor(uuid: record.uuid.libvirtString)) else { return nil }
        let runState = try? await monitor.runState()
        let balloon = record.current.devices.memballoon.map { $0.model != "none" } == true
            ? try? await monitor.balloonBytes() : nil
        await monitor.close()
        guard let runState else { return nil }
        let state: DomainState
        switch runState {
        case .running: state = .running
        // A reboot under way: powered off, or reset and not yet resumed.
        case .shutdown where running.status.rebootPending, .prelaunch where running.status.rebootPending: state = .running
        case .shutdown: state = .shutdown
        case .guestPanicked: state = .crashed
        default: state = .paused
        }
        return (state, balloon.map { $0 / 1024 })
    }

    func domainGetOSType(_ ref: DomainRef) async throws(VirtError) -> String {
        try await record(ref).current.os.type
    }
}
