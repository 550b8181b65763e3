/// Turns tokens into commands with vsh's grammar.
///
/// - The first word names the command.
/// - `--name value` and `--name=value` give an option by name; `--flag` sets a flag.
/// - Any other word fills the next positional option in declaration order.
/// - After a lone `--` every word is positional.
/// - `--help` anywhere turns the command into `help <command>`.
/// - A command that lacks a required option is an error, as is anything unknown.
///
/// Parsing stops at the first error: none of the commands run. `help` is lenient, as in vsh: it ignores
/// unknown options and stray words, and a repeated option only earns a note.
struct CommandParser {
    let table: CommandTable

    /// The synthetic `--help` every command accepts.
    private static let helpOption = OptionDefinition.bool("help", "print help for this function")

    /// Parses every command. `notes` collects messages vsh prints without failing; they come before any error.
    func parse<Source: CommandTokenSource>(
        _ source: inout Source, notes: inout [String]
    ) throws(CommandSyntaxError) -> [ParsedCommand] {
        var commands: [ParsedCommand] = []
        while true {
            let (command, last) = try parseOne(&source, notes: &notes)
            if let command { commands.append(command) }
            if last == .end { return commands }
        }
    }

    /// Reads one command up to ';', a newline or the end; returns it (nil for an empty or comment-only
    /// command) with the token that ended it.
    private func parseOne<Source: CommandTokenSource>(
        _ source: inout Source, notes: inout [String]
    ) throws(CommandSyntaxError) -> (ParsedCommand?, CommandToken) {
        var state: CommandState?
        var dataOnly = false
        while true {
            let token = try source.next()
            guard case .word(let word) = token else {
                guard let state else { return (nil, token) }
                return (try state.finish(table: table), token)
            }
            guard var current = state else {
                if word.hasPrefix("#") {
                    return (nil, drainComment(&source))
                }
                guard let definition = table.command(named: word) else {
                    throw CommandSyntaxError("unknown command: '\(word)'")
                }
                state = CommandState(definition: definition)
                continue
            }
            if !dataOnly && Self.isOptionWord(word) {
                try takeOption(word, into: &current, from: &source, notes: &notes)
            } else if !dataOnly && word == "--" {
                dataOnly = true
            } else {
                try current.takePositional(word)
            }
            state = current
        }
    }

    /// `--` followed by a letter or digit.
    private static func isOptionWord(_ word: String) -> Bool {
        let bytes = Array(word.utf8.prefix(3))
        guard bytes.count == 3, bytes[0] == UInt8(ascii: "-"), bytes[1] == UInt8(ascii: "-") else { return false }
        let c = bytes[2]
        return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
    }

    private func takeOption<Source: CommandTokenSource>(
        _ word: String, into state: inout CommandState, from source: inout Source, notes: inout [String]
    ) throws(CommandSyntaxError) {
        var name = String(word.dropFirst(2))
        var inlineValue: String?
        if let equals = name.firstIndex(of: "=") {
            inlineValue = String(name[name.index(after: equals)...])
            name = String(name[..<equals])
        }
        guard let option = try state.resolveOption(name, inlineValue: &inlineValue, notes: &notes) else {
            return  // an unknown option given to `help` is ignored
        }
        guard option.takesValue else {
            if inlineValue != nil {
                throw CommandSyntaxError("invalid '=' after option --\(option.name)")
            }
            state.record(option, value: nil)
            return
        }
        let value: String
        if let inlineValue {
            value = inlineValue
        } else if case .word(let next) = try source.next() {
            value = next
        } else {
            let kind = option.kind == .int ? "number" : "string"
            throw CommandSyntaxError("expected syntax: --\(option.name) <\(kind)>")
        }
        state.takeNamedValue(option, value: value)
    }

    /// A command whose first word starts with '#' is a comment: skip its words.
    private func drainComment<Source: CommandTokenSource>(_ source: inout Source) -> CommandToken {
        while true {
            guard let token = try? source.next() else { return .commandEnd }
            if case .word = token { continue }
            return token
        }
    }

    /// The command being parsed: which options were seen and which positional slots are still open.
    private struct CommandState {
        let definition: CommandDefinition
        var given: [ParsedCommand.GivenOption] = []
        /// Indices of options a positional word may still fill, in declaration order.
        var openPositional: [Int]
        var seen: Set<Int> = []

        init(definition: CommandDefinition) {
            self.definition = definition
            openPositional = definition.options.indices.filter { definition.options[$0].isPositional }
        }

        var isHelp: Bool { definition.name == "help" }

        mutating func record(_ option: OptionDefinition, value: String?) {
            given.append(ParsedCommand.GivenOption(definition: option, value: value))
        }

        /// Finds the option `name` refers to, following aliases; nil when `help` ignores it.
        mutating func resolveOption(
            _ name: String, inlineValue: inout String?, notes: inout [String]
        ) throws(CommandSyntaxError) -> OptionDefinition? {
            if name == "help" { return CommandParser.helpOption }
            var wanted = name
            var index = 0
            let options = definition.options
            while index < options.count {
                let option = options[index]
                defer { index += 1 }
                guard option.name == wanted else { continue }
                if case .alias(let target) = option.kind {
                    if let equals = target.firstIndex(of: "=") {
                        if inlineValue != nil {
                            throw CommandSyntaxError("invalid '=' after option --\(option.name)")
                        }
                        inlineValue = String(target[target.index(after: equals)...])
                        wanted = String(target[..<equals])
                    } else {
                        wanted = target
                    }
                    continue
                }
                if seen.contains(index) && option.kind != .argv {
                    let message = "option --\(wanted) already seen"
                    guard isHelp else { throw CommandSyntaxError(message) }
                    notes.append(message)
                    return nil
                }
                seen.insert(index)
                lastResolved = index
                return option
            }
            if isHelp { return nil }
            throw CommandSyntaxError("command '\(definition.name)' doesn't support option --\(wanted)")
        }

        /// The index of the option ``resolveOption`` returned last.
        private var lastResolved: Int?

        mutating func takeNamedValue(_ option: OptionDefinition, value: String) {
            if option.kind != .argv, let index = lastResolved {
                openPositional.removeAll { $0 == index }
            }
            record(option, value: value)
        }

        mutating func takePositional(_ word: String) throws(CommandSyntaxError) {
            guard let index = openPositional.first else {
                if isHelp { return }
                throw CommandSyntaxError("unexpected data '\(word)'")
            }
            let option = definition.options[index]
            if option.kind != .argv { openPositional.removeFirst() }
            seen.insert(index)
            record(option, value: word)
        }

        /// The finished command: `--help` turns it into `help <name>`; missing required options are errors.
        func finish(table: CommandTable) throws(CommandSyntaxError) -> ParsedCommand {
            if given.contains(where: { $0.definition.name == "help" }), let help = table.command(named: "help"),
               let topic = help.options.first {
                return ParsedCommand(
                    definition: help,
                    options: [ParsedCommand.GivenOption(definition: topic, value: definition.name)]
                )
            }
            let missing = definition.options.indices.filter { definition.options[$0].isRequired && !seen.contains($0) }
            if !missing.isEmpty {
                throw CommandSyntaxError(messages: missing.map { index in
                    let option = definition.options[index]
                    return option.kind == .data || option.kind == .argv
                        ? "command '\(definition.name)' requires <\(option.name)> option"
                        : "command '\(definition.name)' requires --\(option.name) option"
                })
            }
            return ParsedCommand(definition: definition, options: given)
        }
    }
}
