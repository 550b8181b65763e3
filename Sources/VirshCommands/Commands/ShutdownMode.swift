import Virt

/// The `--mode` list shared by `shutdown` and `reboot`: "acpi,agent,..." as flags.
enum ShutdownMode {
    /// The flags `--mode` names; an unknown mode fails with virsh's message. `expected` is the command's
    /// own wording of the accepted values.
    static func flags(_ context: CommandContext, expected: String) throws(CommandFailure) -> DomainShutdownFlags {
        guard let text = try context.string("mode") else { return [] }
        let names: [String: DomainShutdownFlags] = [
            "acpi": .acpiPowerButton, "agent": .guestAgent, "initctl": .initctl, "signal": .signal,
            "paravirt": .paravirt,
        ]
        var flags: DomainShutdownFlags = []
        for mode in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let flag = names[String(mode)] else {
                throw context.failure("Unknown mode \(mode) value, expecting \(expected)")
            }
            flags.insert(flag)
        }
        return flags
    }

    static let modeOption = OptionDefinition.string("mode", "shutdown mode: acpi|agent|initctl|signal|paravirt")
}
