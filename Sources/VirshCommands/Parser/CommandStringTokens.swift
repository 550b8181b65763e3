/// Words from a command string, as typed in the shell or given as virsh's single argument.
///
/// The rules are vsh's, which follow the shell's: blanks separate words; ';' or a newline ends a command;
/// a word that starts with '#' comments out the rest of the line; '…' quotes literally; "…" quotes with
/// backslash escapes; a backslash outside single quotes escapes the next character, and a backslash before
/// a newline joins the lines.
struct CommandStringTokens: CommandTokenSource {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    mutating func next() throws(CommandSyntaxError) -> CommandToken {
        skipBlanks()
        guard let first = byte(at: position) else { return .end }
        if first == .semicolon || first == .newline {
            position += 1
            return .commandEnd
        }
        if first == .hash {
            while let c = byte(at: position), c != .newline { position += 1 }
            if position < bytes.count { position += 1 }
            return .commandEnd
        }
        return .word(try readWord())
    }

    private mutating func skipBlanks() {
        while let c = byte(at: position) {
            if c == .space || c == .tab {
                position += 1
            } else if c == .backslash, byte(at: position + 1) == .newline {
                position += 2
            } else {
                break
            }
        }
    }

    private mutating func readWord() throws(CommandSyntaxError) -> String {
        var word: [UInt8] = []
        var singleQuoted = false
        var doubleQuoted = false
        while var c = byte(at: position) {
            if !singleQuoted && !doubleQuoted
                && (c == .space || c == .tab || c == .semicolon || c == .newline) {
                break
            }
            if !doubleQuoted && c == .singleQuote {
                singleQuoted.toggle()
                position += 1
                continue
            }
            if !singleQuoted && c == .backslash {
                position += 1
                guard let escaped = byte(at: position) else {
                    throw CommandSyntaxError("dangling \\")
                }
                if escaped == .newline {
                    position += 1
                    continue
                }
                c = escaped
            } else if !singleQuoted && c == .doubleQuote {
                doubleQuoted.toggle()
                position += 1
                continue
            }
            word.append(c)
            position += 1
        }
        if doubleQuoted {
            throw CommandSyntaxError("missing \"")
        }
        return String(decoding: word, as: UTF8.self)
    }

    private func byte(at index: Int) -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }
}

extension UInt8 {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let semicolon = UInt8(ascii: ";")
    static let hash = UInt8(ascii: "#")
    static let backslash = UInt8(ascii: "\\")
    static let singleQuote = UInt8(ascii: "'")
    static let doubleQuote = UInt8(ascii: "\"")
}
