/// What a token source yields to the command parser (vsh's `vshCommandToken`).
enum CommandToken: Equatable {
    /// A word: a command name, an option, or data (possibly empty).
    case word(String)
    /// The end of one command: a ';' or a newline in a command string.
    case commandEnd
    /// No more input.
    case end
}

/// Splits input into ``CommandToken``s. A malformed word throws the message virsh prints for it.
protocol CommandTokenSource {
    mutating func next() throws(CommandSyntaxError) -> CommandToken
}

/// A syntax error while reading commands; each message becomes one "error: ..." line.
struct CommandSyntaxError: Error, Equatable {
    var messages: [String]

    init(_ message: String) {
        messages = [message]
    }

    init(messages: [String]) {
        self.messages = messages
    }
}

/// Words straight from the process arguments: no quoting, and ';' is an ordinary word
/// (virsh's argv mode, used when more than one argument follows the options).
struct ArgumentTokens: CommandTokenSource {
    private var remaining: ArraySlice<String>

    init(_ arguments: [String]) {
        remaining = arguments[...]
    }

    mutating func next() throws(CommandSyntaxError) -> CommandToken {
        guard let word = remaining.popFirst() else { return .end }
        return .word(word)
    }
}
