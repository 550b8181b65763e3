import Virt

extension Commands {
    /// `uri`: the URI of the current connection.
    static let uri = CommandDefinition(
        name: "uri",
        summary: "print the hypervisor canonical URI",
        description: ""
    ) { context throws(CommandFailure) in
        context.print(try context.connection.uri.description + "\n")
    }
}
