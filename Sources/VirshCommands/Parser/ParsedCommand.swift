/// A command as parsed: its definition and the options given, in the order given (`vshCmd`).
public struct ParsedCommand: Sendable {
    public struct GivenOption: Sendable {
        public var definition: OptionDefinition
        /// The value; nil for a flag.
        public var value: String?
    }

    public var definition: CommandDefinition
    public var options: [GivenOption]

    public var name: String { definition.name }

    /// Whether the option was given at all (`vshCommandOptBool`).
    public func has(_ name: String) -> Bool {
        options.contains { $0.definition.name == name }
    }

    /// The first value given for `name`, or nil when it was not given.
    public func rawValue(_ name: String) -> String? {
        options.first { $0.definition.name == name }?.value
    }

    /// The option's declaration as given, for the empty-value rule.
    func given(_ name: String) -> GivenOption? {
        options.first { $0.definition.name == name }
    }

    /// Every value of a repeatable (`argv`) option, in order.
    public func values(_ name: String) -> [String] {
        options.compactMap { $0.definition.name == name ? $0.value : nil }
    }
}
