import Virt

extension Commands {
    /// `connect [<name>] [--readonly]`: closes the connection and opens another (or the same) one.
    static let connect = CommandDefinition(
        name: "connect",
        summary: "(re)connect to hypervisor",
        description: "Connect to local hypervisor. This is built-in command after shell start up.",
        options: [
            .string("name", allowsEmpty: true, "hypervisor connection URI"),
            .bool("readonly", "read-only connection"),
        ],
        needsConnection: false
    ) { context throws(CommandFailure) in
        let readOnly = context.flag("readonly")
        let name = try context.string("name")
        guard await context.session.reconnect(name: name, readOnly: readOnly) else { throw CommandFailure() }
    }
}
