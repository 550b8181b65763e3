import Virt

/// The words virsh prints for domain and vCPU states and the reasons behind them.
enum StateText {
    /// "running", "shut off", ...; "no state" for anything unknown.
    static func state(_ state: DomainState) -> String {
        state.description
    }

    /// The reason for the state ("booted", "destroyed", ...); "unknown" when virsh has no word for it.
    static func reason(_ info: DomainStateInfo) -> String {
        let words: [String]
        switch info {
        case .other:
            words = ["unknown"]
        case .running:
            words = [
                "unknown", "booted", "migrated", "restored", "from snapshot", "unpaused", "migration canceled",
                "save canceled", "event wakeup", "crashed", "post-copy", "post-copy failed",
            ]
        case .paused:
            words = [
                "unknown", "user", "migrating", "saving", "dumping", "I/O error", "watchdog", "from snapshot",
                "shutting down", "creating snapshot", "crashed", "starting up", "post-copy", "post-copy failed",
            ]
        case .shutdown:
            words = ["unknown", "user"]
        case .shutoff:
            words = [
                "unknown", "shutdown", "destroyed", "crashed", "migrated", "saved", "failed", "from snapshot",
                "daemon",
            ]
        case .crashed:
            words = ["unknown", "panicked"]
        }
        let index = Int(info.reasonCode)
        return words.indices.contains(index) ? words[index] : "unknown"
    }

    /// A vCPU's state: "offline", "running", "blocked"; "no state" otherwise.
    static func vcpu(_ state: VcpuState) -> String {
        switch state {
        case .offline: "offline"
        case .running: "running"
        case .blocked: "blocked"
        }
    }
}
