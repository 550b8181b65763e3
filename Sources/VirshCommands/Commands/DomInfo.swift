import Virt

extension Commands {
    /// `dominfo <domain>`: id, name, UUID, state, CPUs, memory, persistence and security, aligned.
    ///
    /// Like virsh, it prints what it can: a piece that cannot be read is left out (or shown as
    /// "unknown"), and only a failed `virDomainGetInfo` or security query fails the command.
    static let dominfo = CommandDefinition(
        name: "dominfo",
        summary: "domain information",
        description: "Returns basic information about the domain.",
        options: [.domain()]
    ) { context throws(CommandFailure) in
        let (domain, _) = try await context.domain()
        let connection = try context.connection
        let field = { (key: String, value: String) in context.print(TextFormat.field(key, value)) }

        field("Id:", domain.id == -1 ? "-" : "\(domain.id)")
        field("Name:", domain.name)
        field("UUID:", domain.uuidString)
        if let osType = await context.attempt({ () async throws(VirtError) in try await domain.osType() }) {
            field("OS Type:", osType)
        }

        var infoFailed = false
        if let info = await context.attempt({ () async throws(VirtError) in try await domain.info() }) {
            field("State:", StateText.state(info.state))
            field("CPU(s):", "\(info.virtualCPUs)")
            if info.cpuTimeNanoseconds != 0 {
                field("CPU time:", TextFormat.cpuSeconds(nanoseconds: info.cpuTimeNanoseconds))
            }
            // virsh compares the unsigned long with UINT_MAX: only exactly 2^32-1 KiB reads "no limit".
            field("Max memory:", info.maxMemoryKiB == UInt64(UInt32.max) ? "no limit" : "\(info.maxMemoryKiB) KiB")
            field("Used memory:", "\(info.memoryKiB) KiB")
        } else {
            infoFailed = true
        }

        let persistent = await context.attempt { () async throws(VirtError) in try await domain.isPersistent() }
        field("Persistent:", persistent.map { $0 ? "yes" : "no" } ?? "unknown")
        if let autostart = await context.attempt({ () async throws(VirtError) in try await domain.autostart() }) {
            field("Autostart:", autostart ? "enable" : "disable")
        }
        let managedSave = await context.attempt { () async throws(VirtError) in try await domain.hasManagedSaveImage() }
        field("Managed save:", managedSave.map { $0 ? "yes" : "no" } ?? "unknown")

        if let model = await context.attempt({ () async throws(VirtError) in try await connection.securityModel() }) {
            if !model.model.isEmpty {
                field("Security model:", model.model)
                field("Security DOI:", model.doi)
                let label = try await context.require { () async throws(VirtError) in try await domain.securityLabel() }
                if !label.label.isEmpty {
                    field("Security label:", "\(label.label) (\(label.enforcing ? "enforcing" : "permissive"))")
                }
            }
        } else {
            guard context.lastErrorCode == .noSupport else { throw CommandFailure() }
            context.resetError()
        }

        if let messages = await context.attempt({ () async throws(VirtError) in try await domain.messages() }) {
            for (index, message) in messages.enumerated() {
                field(index == 0 ? "Messages:" : "", message)
            }
        }
        if infoFailed { throw CommandFailure() }
    }
}
