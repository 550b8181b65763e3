import Virt

/// How virsh 9.0 words domain events (virsh-domain-event.c): the line per event and the names of
/// lifecycle events and their details.
enum EventText {
    /// The line `event` prints for one event, without the timestamp; nil for SwiftVirt's own resynchronisation,
    /// which virsh never sees.
    static func line(_ event: DomainEvent) -> String? {
        let domain = event.domain.name
        switch event.body {
        case .lifecycle(let lifecycle):
            return "event 'lifecycle' for domain '\(domain)': \(type(lifecycle.type)) \(detail(lifecycle))\n"
        case .reboot:
            return "event 'reboot' for domain '\(domain)'\n"
        case .balloonChange(let kib):
            return "event 'balloon-change' for domain '\(domain)': \(kib)KiB\n"
        case .controlError:
            return "event 'control-error' for domain '\(domain)'\n"
        case .resynchronized:
            return nil
        }
    }

    static func type(_ type: DomainLifecycleEventType) -> String {
        let names = ["Defined", "Undefined", "Started", "Suspended", "Resumed", "Stopped", "Shutdown", "PMSuspended", "Crashed"]
        return type.rawValue >= 0 && Int(type.rawValue) < names.count ? names[Int(type.rawValue)] : "unknown"
    }

    static func detail(_ event: DomainLifecycleEvent) -> String {
        let details: [[String]] = [
            ["Added", "Updated", "Renamed", "Snapshot"],
            ["Removed", "Renamed"],
            ["Booted", "Migrated", "Restored", "Snapshot", "Event wakeup"],
            ["Paused", "Migrated", "I/O Error", "Watchdog", "Restored", "Snapshot", "API error", "Post-copy",
             "Post-copy Error"],
            ["Unpaused", "Migrated", "Snapshot", "Post-copy", "Post-copy Error"],
            ["Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed", "Snapshot"],
            ["Finished", "Finished after guest request", "Finished after host request"],
            ["Memory", "Disk"],
            ["Panicked", "Crashloaded"],
        ]
        let type = Int(event.type.rawValue), detail = Int(event.detail)
        guard type >= 0, type < details.count, detail >= 0, detail < details[type].count else { return "unknown" }
        return details[type][detail]
    }
}
