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
    /// Anything else xl would take for an escape or a line end is escaped with a backslash, which xl (unlike
    /// libvirt's triple quotes) understands.
    static func quoted(_ string: String) -> String {
        let needsEscapes = string.unicodeScalars.contains { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7f }
        if !needsEscapes {
            if !string.contains("\"") { return "\"" + string + "\"" }
            if !string.contains("'") { return "'" + string + "'" }
        }
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
