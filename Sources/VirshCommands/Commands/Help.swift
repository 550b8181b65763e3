extension Commands {
    /// `help [<command|group>]`: every command by group, one command's manual, or one group's commands.
    static let help = CommandDefinition(
        name: "help",
        summary: "print help",
        description: "Prints global help, command specific help, or help for a\n    group of related commands",
        options: [
            .string(
                "command",
                "Prints global help, command specific help, or help for a group of related commands"),
        ],
        needsConnection: false
    ) { context throws(CommandFailure) in
        let table = context.session.table
        guard let topic = context.quietString("command").text else {
            context.print(HelpText.overview(table))
            return
        }
        if let command = table.command(named: topic) {
            context.print(HelpText.manual(command))
        } else if let group = table.group(named: topic) {
            context.print(HelpText.group(group))
        } else {
            throw context.failure("command or command group '\(topic)' doesn't exist")
        }
    }
}
