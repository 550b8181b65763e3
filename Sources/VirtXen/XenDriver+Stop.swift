import FoundationEssentials
import VirtDriver
import VirtDriverState
import VirtXML

extension XenDriver {
    func domainDestroy(_ ref: DomainRef) async throws(VirtError) {
        try await domainDestroyFlags(ref, flags: [])
    }

    func domainDestroyFlags(_ ref: DomainRef, flags: DomainDestroyFlags) async throws(VirtError) {
        try VirtError.checkFlags(flags.rawValue, allowed: 0, function: "libxlDomainDestroyFlags", domain: .libxl)
        try await withDomainLock(ref) { (record, _) async throws(VirtError) in
            try Self.refuseDomain0(record)
            let running = try Self.requireActive(record)
            // Recorded first (best effort: destroy must work on a full disk too).
            var destroying = running.status
            destroying.destroying = true
            try? store.writeStatus(destroying)
            try await toolstack.destroy(running.status.id)
            finishStop(name: record.name, reason: .destroyed)
        }
    }

    /// Holding the domain's lock: finishes a destroy whose client died before it recorded the stop.
    func finishInterruptedDestroy(_ status: XenDomainStatus) async throws(VirtError) {
        guard let again = store.recordedStatus(named: status.name), again.destroying == true else { return }
        if let info = try await toolstack.domain(again.id), Self.isSame(info, again) {
            try await toolstack.destroy(again.id)
        }
        finishStop(name: again.name, reason: .destroyed)
    }

    /// Asks the guest to power off and returns; the domain goes once the guest has shut down (Xen keeps it
    /// as "shutdown" until the next access here destroys it).
    func domainShutdown(_ ref: DomainRef, flags: DomainShutdownFlags) async throws(VirtError) {
        try checkShutdownFlags(flags)
        try await withDomainLock(ref) { (record, _) async throws(VirtError) in
            try Self.refuseDomain0(record)
            var running = try Self.requireActive(record)
            try await toolstack.shutdown(running.status.id)
            running.status.shutdownRequested = true
            try store.writeStatus(running.status)
        }
    }

    /// Reboots as libvirt's libxl driver does: the guest is asked to reboot, shuts down with reason
    /// "reboot", and the domain is destroyed and built again (a new Xen id). Waits up to ``rebootWait`` for
    /// the guest; a slower guest is rebuilt by the next access that finds it shut down.
    func domainReboot(_ ref: DomainRef, flags: DomainShutdownFlags) async throws(VirtError) {
        try VirtError.checkFlags(flags.rawValue, allowed: DomainShutdownFlags.paravirt.rawValue,
                                 function: "libxlDomainReboot", domain: .libxl)
        try await withDomainLock(ref) { (record, held) async throws(VirtError) in
            try Self.refuseDomain0(record)
            var running = try Self.requireActive(record)
            try await toolstack.reboot(running.status.id)
            running.status.rebootPending = true
            try store.writeStatus(running.status)
            let deadline = ContinuousClock.now + Self.rebootWait
            while ContinuousClock.now < deadline {
                guard let info = try await toolstack.domain(running.status.id), Self.isSame(info, running.status) else { return }
                if info.shutdown {
                    try await settle(name: record.name, held: held)
                    return
                }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// How long a reboot waits for the guest to shut down before leaving the rebuild to a later access.
    static let rebootWait: Duration = .seconds(60)

    private func checkShutdownFlags(_ flags: DomainShutdownFlags) throws(VirtError) {
        try VirtError.checkFlags(flags.rawValue, allowed: DomainShutdownFlags([.acpiPowerButton, .paravirt]).rawValue,
                                 function: "libxlDomainShutdownFlags", domain: .libxl)
    }
}
