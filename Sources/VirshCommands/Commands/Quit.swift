extension Commands {
    /// `quit`: leaves the interactive shell.
    static let quit = quitCommand(named: "quit")
    /// `exit`: the same as `quit`.
    static let exit = quitCommand(named: "exit")

    private static func quitCommand(named name: String) -> CommandDefinition {
        CommandDefinition(
            name: name,
            summary: "quit this interactive terminal",
            description: "",
            needsConnection: false
        ) { context throws(CommandFailure) in
            context.session.interactive = false
        }
    }
}
