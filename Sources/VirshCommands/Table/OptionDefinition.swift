/// One option a command accepts, declared the way vsh declares it (`vshCmdOptDef`).
///
/// The kind decides how a value is taken: a `bool` never takes one, every other kind does. Options that
/// take a value and are not ``namedOnly`` are also filled positionally, in declaration order, by words that
/// are not options ("dominfo test" fills `--domain`).
public struct OptionDefinition: Sendable {
    public enum Kind: Sendable, Equatable {
        /// A flag: present or not (`VSH_OT_BOOL`).
        case bool
        /// A number, parsed by the command (`VSH_OT_INT`).
        case int
        /// A string option, usually given by name (`VSH_OT_STRING`).
        case string
        /// A string usually given positionally (`VSH_OT_DATA`).
        case data
        /// Every remaining positional word (`VSH_OT_ARGV`); may repeat.
        case argv
        /// Another spelling of an option; `target` is "name" or "name=value" (`VSH_OT_ALIAS`).
        case alias(target: String)
    }

    public var name: String
    public var kind: Kind
    /// The command cannot run without it (`VSH_OFLAG_REQ`).
    public var isRequired: Bool
    /// Only `--name value` fills it, never a positional word (`VSH_OFLAG_REQ_OPT`).
    public var namedOnly: Bool
    /// An empty value is accepted (`VSH_OFLAG_EMPTY_OK`).
    public var allowsEmpty: Bool
    public var help: String
    /// For a domain option: what Tab offers (virsh's completer).
    public var domainCompletion: DomainCompletion?

    public init(
        _ name: String, _ kind: Kind, required: Bool = false, namedOnly: Bool = false,
        allowsEmpty: Bool = false, help: String
    ) {
        self.name = name
        self.kind = kind
        self.isRequired = required
        self.namedOnly = namedOnly
        self.allowsEmpty = allowsEmpty
        self.help = help
    }

    public static func bool(_ name: String, _ help: String) -> OptionDefinition {
        OptionDefinition(name, .bool, help: help)
    }

    public static func int(_ name: String, required: Bool = false, _ help: String) -> OptionDefinition {
        OptionDefinition(name, .int, required: required, help: help)
    }

    public static func string(
        _ name: String, namedOnly: Bool = false, allowsEmpty: Bool = false, _ help: String
    ) -> OptionDefinition {
        OptionDefinition(name, .string, namedOnly: namedOnly, allowsEmpty: allowsEmpty, help: help)
    }

    public static func data(_ name: String, required: Bool = true, _ help: String) -> OptionDefinition {
        OptionDefinition(name, .data, required: required, help: help)
    }

    public static func argv(_ name: String, _ help: String) -> OptionDefinition {
        OptionDefinition(name, .argv, help: help)
    }

    public static func alias(_ name: String, for target: String) -> OptionDefinition {
        OptionDefinition(name, .alias(target: target), help: "")
    }

    /// Whether the option takes a value after its name.
    var takesValue: Bool {
        switch kind {
        case .bool, .alias: false
        default: true
        }
    }

    /// Whether a positional word may fill it.
    var isPositional: Bool { takesValue && !namedOnly }
}

/// The options many domain commands share, with virsh's wording.
extension OptionDefinition {
    /// `<domain>`: required, positional; found by id, UUID or name. Tab offers the domains `completing` says.
    static func domain(
        _ help: String = "domain name, id or uuid", completing: DomainCompletion = .names([])
    ) -> OptionDefinition {
        var option = OptionDefinition.data("domain", help)
        option.domainCompletion = completing
        return option
    }

    /// `<file>`: required, positional.
    static func file(_ help: String) -> OptionDefinition {
        .data("file", help)
    }

    static let affectConfig = OptionDefinition.bool("config", "affect next boot")
    static let affectLive = OptionDefinition.bool("live", "affect running domain")
    static let affectCurrent = OptionDefinition.bool("current", "affect current domain")
}
