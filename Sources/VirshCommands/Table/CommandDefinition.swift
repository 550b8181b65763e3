/// A virsh command: its name, help texts, options and what it does (`vshCmdDef` with its `vshCmdInfo`).
public struct CommandDefinition: Sendable {
    public typealias Handler = @Sendable (CommandContext) async throws(CommandFailure) -> Void

    public var name: String
    /// The one-line summary shown in the command list ("domain information").
    public var summary: String
    /// The DESCRIPTION paragraph of `help <command>`; empty prints none.
    public var description: String
    public var options: [OptionDefinition]
    /// False for commands that run without a hypervisor connection (`VSH_CMD_FLAG_NOCONNECT`).
    public var needsConnection: Bool
    public var run: Handler

    public init(
        name: String, summary: String, description: String, options: [OptionDefinition] = [],
        needsConnection: Bool = true, run: @escaping Handler
    ) {
        self.name = name
        self.summary = summary
        self.description = description
        self.options = options
        self.needsConnection = needsConnection
        self.run = run
    }

    /// The option declared as `name` (aliases included).
    func option(named name: String) -> OptionDefinition? {
        options.first { $0.name == name }
    }
}

/// Commands listed together in `help`, found by name or keyword ("Domain Management", "domain").
public struct CommandGroup: Sendable {
    public var name: String
    public var keyword: String
    public var commands: [CommandDefinition]

    public init(name: String, keyword: String, commands: [CommandDefinition]) {
        self.name = name
        self.keyword = keyword
        self.commands = commands
    }
}
