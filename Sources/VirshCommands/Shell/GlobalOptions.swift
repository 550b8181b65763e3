import Virt

/// virsh's own options, before the command (`virshParseArgv`), read with getopt_long's rules:
/// short options may be bundled ("-rq") and take their value attached or as the next word ("-ctest:///",
/// "-c test:///"); long options may be abbreviated while unambiguous ("--conn") and take "=value" or the
/// next word; the first word that is not an option, or "--", ends them.
struct GlobalOptions {
    var connect: String?
    var readOnly = false
    var quiet = false
    var timing = false
    var escapeSequence: String?
    /// Words after the options: a command string, or a command with its arguments.
    var commandWords: [String] = []

    /// What to do instead of running commands.
    enum EarlyExit: Error, Equatable {
        /// Print `text` on standard output and exit successfully.
        case output(String)
        /// Print "error: <message>" and exit with failure.
        case failure(String)
    }

    private struct LongOption {
        var name: String
        var letter: Character
        var argument: Argument
    }

    private enum Argument { case none, required, optional }

    private static let longOptions: [LongOption] = [
        LongOption(name: "connect", letter: "c", argument: .required),
        LongOption(name: "debug", letter: "d", argument: .required),
        LongOption(name: "escape", letter: "e", argument: .required),
        LongOption(name: "help", letter: "h", argument: .none),
        LongOption(name: "keepalive-interval", letter: "k", argument: .required),
        LongOption(name: "keepalive-count", letter: "K", argument: .required),
        LongOption(name: "log", letter: "l", argument: .required),
        LongOption(name: "quiet", letter: "q", argument: .none),
        LongOption(name: "readonly", letter: "r", argument: .none),
        LongOption(name: "timing", letter: "t", argument: .none),
        LongOption(name: "version", letter: "v", argument: .optional),
    ]

    /// Short options and whether each takes a value ("+:c:d:e:hk:K:l:qrtvV").
    private static let shortOptions: [Character: Bool] = [
        "c": true, "d": true, "e": true, "h": false, "k": true, "K": true, "l": true, "q": false,
        "r": false, "t": false, "v": false, "V": false,
    ]

    /// Reads the options in `arguments` (without the program name). `usage` and `versionText` supply the
    /// texts of `-h` and `-V`; `warn` prints what virsh reports without stopping.
    static func parse(
        _ arguments: [String], usage: () -> String, versionText: () -> String, warn: (String) -> Void
    ) throws(EarlyExit) -> GlobalOptions {
        var options = GlobalOptions()
        var index = 0
        func apply(_ letter: Character, _ value: String?, long: Bool) throws(EarlyExit) {
            let shown = { (longName: String) in long ? "--\(longName)" : "-\(letter)" }
            switch letter {
            case "c":
                options.connect = value
            case "d":
                guard let level = CNumber.int32(value ?? "") else {
                    throw .failure("option \(shown("debug")) takes a numeric argument")
                }
                if level < 0 || level > 4 {
                    warn("ignoring debug level \(level) out of range [0-4]")
                }
            case "e":
                let text = value ?? ""
                let bytes = Array(text.utf8)
                let allowed = bytes.count == 2 && bytes[0] == UInt8(ascii: "^")
                    && ((bytes[1] >= 0x61 && bytes[1] <= 0x7a) || (bytes[1] >= 0x40 && bytes[1] <= 0x5f))
                guard allowed || (bytes.count == 1 && bytes[0] != UInt8(ascii: "^")) else {
                    throw .failure("Invalid string '\(text)' for escape sequence")
                }
                options.escapeSequence = text
            case "h":
                throw .output(usage())
            case "k", "K":
                let name = letter == "k" ? "keepalive-interval" : "keepalive-count"
                guard let seconds = CNumber.int32(value ?? "", base: 0) else {
                    throw .failure("Invalid value for option \(shown(name))")
                }
                if seconds < 0 { throw .failure("option \(shown(name)) requires a positive integer argument") }
            case "l":
                throw .failure("logging to a file (-l) is not supported by this virsh")
            case "q":
                options.quiet = true
            case "t":
                options.timing = true
            case "r":
                options.readOnly = true
            case "v":
                if value != "long" { throw .output(LibraryVersionText.short + "\n") }
                throw .output(versionText())
            case "V":
                throw .output(versionText())
            default:
                throw .failure("unknown option")
            }
        }

        while index < arguments.count {
            let word = arguments[index]
            if word == "--" {
                index += 1
                break
            }
            guard word.hasPrefix("-"), word != "-" else { break }
            index += 1
            if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let equals = body.firstIndex(of: "=")
                let name = body[..<(equals ?? body.endIndex)]
                let inline = equals.map { String(body[body.index(after: $0)...]) }
                let matches = longOptions.filter { $0.name.hasPrefix(name) }
                let option = matches.first { $0.name == name } ?? (matches.count == 1 ? matches[0] : nil)
                guard let option else { throw .failure("unsupported option '\(word)'. See --help.") }
                var value = inline
                switch option.argument {
                case .none:
                    if inline != nil { throw .failure("unsupported option '-\(option.letter)'. See --help.") }
                case .required:
                    if value == nil {
                        guard index < arguments.count else { throw missingArgument(option.letter) }
                        value = arguments[index]
                        index += 1
                    }
                case .optional:
                    break
                }
                try apply(option.letter, value, long: true)
                continue
            }
            var letters = Substring(word.dropFirst())
            while let letter = letters.first {
                letters = letters.dropFirst()
                guard let takesValue = shortOptions[letter] else {
                    throw .failure("unsupported option '-\(letter)'. See --help.")
                }
                guard takesValue else {
                    try apply(letter, nil, long: false)
                    continue
                }
                let value: String
                if !letters.isEmpty {
                    value = String(letters)
                    letters = ""
                } else if index < arguments.count {
                    value = arguments[index]
                    index += 1
                } else {
                    throw missingArgument(letter)
                }
                try apply(letter, value, long: false)
            }
        }
        options.commandWords = Array(arguments[index...])
        return options
    }

    private static func missingArgument(_ letter: Character) -> EarlyExit {
        if let option = longOptions.first(where: { $0.letter == letter }) {
            return .failure("option '-\(letter)'/'--\(option.name)' requires an argument")
        }
        return .failure("option '-\(letter)' requires an argument")
    }
}
