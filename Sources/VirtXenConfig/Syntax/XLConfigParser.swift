import VirtModel

/// Reads xl.cfg text into statements. The grammar is the one xl's libxlu and libvirt's virConf both read:
/// `name = value` statements ended by a line end or ';', `#` comments, strings in '...' or "...", numbers,
/// and lists `[ ... ]` that may span lines and nest. From xl it also takes `name += value`, backslash escapes in
/// strings (the named ones: numeric escapes are refused, as xl 4.17 mishandles them), hexadecimal and octal
/// numbers and comments inside lists; from libvirt, signed numbers and `"""triple-quoted"""` strings (libvirt
/// writes those).
///
/// Errors are VIR_ERR_CONF_SYNTAX from VIR_FROM_CONF, "SOURCE:LINE: problem", worded as libvirt's virConf
/// words them for the mistakes both read alike, so a bad file gets libvirt's message.
struct XLConfigParser {
    struct Statement {
        var name: String
        var value: XLValue
        var appends: Bool
        var line: Int
    }

    private let bytes: [UInt8]
    private let sourceName: String
    private var position = 0

    init(text: String, sourceName: String) {
        bytes = Array(text.utf8)
        self.sourceName = sourceName
    }

    static func syntaxError(_ detail: String) -> VirtError {
        VirtError(.confSyntax, .conf, detail)
    }

    mutating func statements() throws(VirtError) -> [Statement] {
        var statements: [Statement] = []
        while true {
            skipBlanksLineEndsAndComments()
            guard position < bytes.count else { return statements }
            statements.append(try statement())
            try separator()
        }
    }

    // MARK: statements

    private mutating func statement() throws(VirtError) -> Statement {
        let line = currentLine
        guard let first = current, isLetter(first) else { throw error("expecting a name") }
        let start = position
        while let byte = current, isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        skipBlanks()
        var appends = false
        if current == UInt8(ascii: "+"), peek(1) == UInt8(ascii: "=") {
            appends = true
            position += 1
        }
        guard current == UInt8(ascii: "=") else { throw error("expecting an assignment") }
        position += 1
        let value = try self.value()
        skipBlanks()
        skipComment()
        return Statement(name: name, value: value, appends: appends, line: line)
    }

    /// After a statement: the end, a line end or ';'.
    private mutating func separator() throws(VirtError) {
        skipBlanks()
        guard let byte = current else { return }
        if isLineEnd(byte) { return }
        if byte == UInt8(ascii: ";") {
            position += 1
            return
        }
        throw error("expecting a separator")
    }

    // MARK: values

    private mutating func value() throws(VirtError) -> XLValue {
        skipBlanks()
        guard let byte = current else { throw error("expecting a value") }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return .string(try string())
        case UInt8(ascii: "["):
            return .list(try list())
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"):
            return .number(try number())
        default:
            throw error("expecting a value")
        }
    }

    private mutating func list() throws(VirtError) -> [XLValue] {
        position += 1
        var items: [XLValue] = []
        skipBlanksLineEndsAndComments()
        if let byte = current, byte != UInt8(ascii: "]") {
            items.append(try value())
            skipBlanksLineEndsAndComments()
        }
        while let byte = current, byte != UInt8(ascii: "]") {
            guard byte == UInt8(ascii: ",") else { throw error("expecting a separator in list") }
            position += 1
            skipBlanksLineEndsAndComments()
            if current == UInt8(ascii: "]") { break }
            items.append(try value())
            skipBlanksLineEndsAndComments()
        }
        guard current == UInt8(ascii: "]") else { throw error("list is not closed with ]") }
        position += 1
        return items
    }

    /// A number as xl reads it (`strtol` with base 0: decimal, 0x hexadecimal, 0 octal), signed as libvirt
    /// allows; the digits run as far as xl's scanner takes them.
    private mutating func number() throws(VirtError) -> Int64 {
        var negative = false
        if current == UInt8(ascii: "-") || current == UInt8(ascii: "+") {
            negative = current == UInt8(ascii: "-")
            position += 1
        }
        guard let first = current, isDigit(first) else { throw error("unterminated number") }
        let start = position
        while let byte = current, isHexDigit(byte) || byte == UInt8(ascii: "x") || byte == UInt8(ascii: "X") {
            position += 1
        }
        let digits = String(decoding: bytes[start..<position], as: UTF8.self)
        let shown = (negative ? "-" : "") + digits
        let magnitude: UInt64
        switch Self.parseInteger(digits) {
        case .value(let value): magnitude = value
        case .outOfRange: throw error("number '\(shown)' is out of range", at: start)
        case .malformed: throw error("'\(shown)' is not a number xl can read", at: start)
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw error("number '-\(digits)' is out of range", at: start) }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { throw error("number '\(digits)' is out of range", at: start) }
        return Int64(magnitude)
    }

    enum ParsedInteger: Equatable {
        case value(UInt64)
        case outOfRange
        case malformed
    }

    /// Digits in C's base-0 convention (0x hexadecimal, a leading 0 octal, else decimal), every character
    /// belonging to the number.
    static func parseInteger(_ digits: String) -> ParsedInteger {
        var body = Substring(digits)
        var radix = 10
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            body = body.dropFirst(2)
            radix = 16
        } else if digits.count > 1, digits.hasPrefix("0") {
            body = body.dropFirst()
            radix = 8
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isHexDigit && Int(String($0), radix: radix) != nil }) else {
            return .malformed
        }
        return UInt64(body, radix: radix).map(ParsedInteger.value) ?? .outOfRange
    }

    static func integer(_ digits: String) -> UInt64? {
        if case .value(let value) = parseInteger(digits) { return value }
        return nil
    }

    private mutating func string() throws(VirtError) -> String {
        let quote = bytes[position]
        if quote == UInt8(ascii: "\""), peek(1) == quote, peek(2) == quote {
            return try tripleQuotedString()
        }
        let start = position
        position += 1
        var content: [UInt8] = []
        while let byte = current, byte != quote, !isLineEnd(byte) {
            position += 1
            guard byte == UInt8(ascii: "\\") else {
                content.append(byte)
                continue
            }
            guard let escaped = current, !isLineEnd(escaped) else { break }
            try unescape(escaped, into: &content, stringStart: start)
        }
        guard current == quote else { throw error("unterminated string") }
        position += 1
        return String(decoding: content, as: UTF8.self)
    }

    /// libvirt's `"""..."""`: taken literally, line ends included.
    private mutating func tripleQuotedString() throws(VirtError) -> String {
        position += 3
        let start = position
        while position + 2 < bytes.count {
            if bytes[position] == UInt8(ascii: "\""), bytes[position + 1] == UInt8(ascii: "\""),
                bytes[position + 2] == UInt8(ascii: "\"")
            {
                let text = String(decoding: bytes[start..<position], as: UTF8.self)
                position += 3
                return text
            }
            position += 1
        }
        position = bytes.count
        throw error("unterminated string")
    }

    /// One backslash escape, as xl's libxlu reads it; `position` is on the character after the backslash.
    private mutating func unescape(_ escaped: UInt8, into content: inout [UInt8], stringStart: Int) throws(VirtError) {
        position += 1
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): content.append(escaped)
        case UInt8(ascii: "a"): content.append(0x07)
        case UInt8(ascii: "b"): content.append(0x08)
        case UInt8(ascii: "f"): content.append(0x0c)
        case UInt8(ascii: "n"): content.append(0x0a)
        case UInt8(ascii: "r"): content.append(0x0d)
        case UInt8(ascii: "t"): content.append(0x09)
        case UInt8(ascii: "v"): content.append(0x0b)
        case UInt8(ascii: "x"), UInt8(ascii: "0")...UInt8(ascii: "7"):
            // libxlu 4.17 refuses every \xHH and reads octal digits as decimal: xl cannot use them.
            throw error("numeric escapes in strings are not read correctly by xl; write the character itself", at: stringStart)
        default:
            let shown = String(decoding: [escaped], as: UTF8.self)
            throw error("'\\\(shown)' is not an escape xl knows", at: stringStart)
        }
    }

    // MARK: characters

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func peek(_ offset: Int) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    private mutating func skipBlanks() {
        while let byte = current, byte == 0x20 || byte == 0x09 { position += 1 }
    }

    private mutating func skipComment() {
        guard current == UInt8(ascii: "#") else { return }
        while let byte = current, !isLineEnd(byte) { position += 1 }
    }

    private mutating func skipBlanksLineEndsAndComments() {
        while let byte = current {
            if byte == 0x20 || byte == 0x09 || isLineEnd(byte) {
                position += 1
            } else if byte == UInt8(ascii: "#") {
                skipComment()
            } else {
                return
            }
        }
    }

    private func isLineEnd(_ byte: UInt8) -> Bool { byte == 0x0a || byte == 0x0d }
    private func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private func isHexDigit(_ byte: UInt8) -> Bool { hexValue(byte) != nil }
    private func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The line of `offset`: one more than the line ends before it, as libvirt counts.
    private func line(at offset: Int) -> Int {
        1 + bytes[..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == 0x0a ? 1 : 0) }
    }

    private var currentLine: Int { line(at: position) }

    private func error(_ problem: String, at offset: Int? = nil) -> VirtError {
        Self.syntaxError("\(sourceName):\(line(at: offset ?? position)): \(problem)")
    }
}
