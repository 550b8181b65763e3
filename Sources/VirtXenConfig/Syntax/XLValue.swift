/// A value in an xl.cfg file: a quoted string, a number, or a list `[ ... ]` of values.
public indirect enum XLValue: Sendable, Hashable {
    case string(String)
    case number(Int64)
    case list([XLValue])

    /// A list of strings.
    public static func strings(_ items: [String]) -> XLValue {
        .list(items.map(XLValue.string))
    }

    /// The value as xl.cfg text: numbers in decimal, lists on one line (`[ "a", "b" ]`), strings quoted so xl
    /// reads back exactly these characters.
    public var text: String {
        switch self {
        case .number(let number):
            return String(number)
        case .string(let string):
            return Self.quoted(string)
        case .list(let items):
            guard !items.isEmpty else { return "[  ]" }
            return "[ " + items.map(\.text).joined(separator: ", ") + " ]"
        }
    }

    /// Double quotes as libvirt writes them; single quotes for text holding '"' but no "'", as libvirt does.
    /// Otherwise backslash escapes xl reads (`\"`, `\\`, `\n`, `\t`, ...) rather than libvirt's triple quotes,
    /// which xl does not know. Other control characters go as they are: xl takes them inside quotes.
    static func quoted(_ string: String) -> String {
        let escapes: [Unicode.Scalar: String] = [
            "\\": "\\\\", "\u{07}": "\\a", "\u{08}": "\\b", "\t": "\\t", "\n": "\\n", "\u{0B}": "\\v",
            "\u{0C}": "\\f", "\r": "\\r",
        ]
        let needsEscapes = string.unicodeScalars.contains { escapes[$0] != nil }
        if !needsEscapes {
            if !string.contains("\"") { return "\"" + string + "\"" }
            if !string.contains("'") { return "'" + string + "'" }
        }
        var out = "\""
        for scalar in string.unicodeScalars {
            if scalar == "\"" {
                out += "\\\""
            } else if let escape = escapes[scalar] {
                out += escape
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
