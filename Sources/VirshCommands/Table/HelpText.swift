/// The texts of `help`, laid out as vsh lays them out.
enum HelpText {
    /// "Grouped commands:" and every group's commands with their summaries.
    static func overview(_ table: CommandTable) -> String {
        "Grouped commands:\n\n" + table.groups.map { group($0) + "\n" }.joined()
    }

    /// One group: its title line and one line per command.
    static func group(_ group: CommandGroup) -> String {
        " \(group.name) (help keyword '\(group.keyword)'):\n" + commandLines(group)
    }

    /// The group's commands, one "    name   summary" line each.
    static func commandLines(_ group: CommandGroup) -> String {
        group.commands.map { "    " + TextFormat.padded($0.name, to: 30) + " " + $0.summary + "\n" }.joined()
    }

    /// A command's manual: NAME, SYNOPSIS, DESCRIPTION (when there is one) and OPTIONS (`vshCmddefHelp`).
    static func manual(_ command: CommandDefinition) -> String {
        var out = "  NAME\n    \(command.name) - \(command.summary)\n"
        out += "\n  SYNOPSIS\n    \(command.name)"
        // Once an option can be given positionally, later repeatable ones may be too.
        var positional = false
        for option in command.options {
            let synopsis: String
            switch option.kind {
            case .bool:
                synopsis = "[--\(option.name)]"
            case .int:
                synopsis = option.isRequired ? "<\(option.name)>" : "[--\(option.name) <number>]"
                if !option.namedOnly { positional = true }
            case .string:
                synopsis = "[--\(option.name) <string>]"
                if !option.namedOnly { positional = true }
            case .data:
                synopsis = option.isRequired ? "<\(option.name)>" : "[<\(option.name)>]"
                if !option.namedOnly { positional = true }
            case .argv:
                if positional {
                    synopsis = option.isRequired
                        ? "{[--\(option.name)] <string>}..." : "[[--\(option.name)] <string>]..."
                } else {
                    synopsis = option.isRequired ? "<\(option.name)>..." : "[<\(option.name)>]..."
                }
            case .alias:
                continue
            }
            out += " " + synopsis
        }
        out += "\n"
        if !command.description.isEmpty {
            out += "\n  DESCRIPTION\n    \(command.description)\n"
        }
        if !command.options.isEmpty {
            out += "\n  OPTIONS\n"
            for option in command.options {
                let label: String
                switch option.kind {
                case .bool: label = "--\(option.name)"
                case .int: label = option.isRequired ? "[--\(option.name)] <number>" : "--\(option.name) <number>"
                case .string: label = "--\(option.name) <string>"
                case .data: label = "[--\(option.name)] <string>"
                case .argv: label = positional ? "[--\(option.name)] <string>" : "<\(option.name)>"
                case .alias: continue
                }
                out += "    " + TextFormat.padded(label, to: 15) + "  " + option.help + "\n"
            }
        }
        return out + "\n"
    }
}
