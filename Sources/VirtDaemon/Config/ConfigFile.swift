/// A file in libvirt's configuration syntax (libvirtd.conf, virtqemud.conf): `key = value` lines, `#` comments,
/// values that are integers, strings in double or single quotes, or lists of strings in brackets (a list may
/// span lines). Parsing keeps each setting's line so later checks can name where a bad value was written.
///
/// Hand-written on purpose: the syntax is a dozen lines of grammar (libvirt's own virconf.c is its only
/// definition), no library covers it, and its errors must read as libvirt's do.
public struct ConfigFile: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case integer(Int64)
        case string(String)
        case list([String])
    }

    public struct Setting: Sendable, Equatable {
        public var key: String
        public var value: Value
        public var line: Int
    }

    public var path: String
    public var settings: [Setting]

    /// A syntax error, worded as libvirt words it ("configuration file syntax error: FILE:LINE: what").
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var problem: String
        public var description: String { "configuration file syntax error: \(path):\(line): \(problem)" }
    }

    public init(path: String, settings: [Setting]) {
        self.path = path
        self.settings = settings
    }

    /// Parses `text`, read from `path` (used in messages only).
    public init(parsing text: String, path: String) throws(SyntaxError) {
        var scanner = Scanner(bytes: Array(text.utf8), path: path)
        self.path = path
        self.settings = try scanner.settings()
    }

    private struct Scanner {
        let bytes: [UInt8]
        let path: String
        var index = 0
        var line = 1

        init(bytes: [UInt8], path: String) {
            self.bytes = bytes
            self.path = path
        }

        mutating func settings() throws(SyntaxError) -> [Setting] {
            var result: [Setting] = []
            while true {
                skipBlanksAndComments(crossingLines: true)
                guard let byte = peek else { return result }
                guard Self.startsKey(byte) else { throw error("expecting a name") }
                let startLine = line
                let key = readKey()
                skipBlanksAndComments(crossingLines: false)
                guard peek == UInt8(ascii: "=") else { throw error("expecting an assignment") }
                index += 1
                skipBlanksAndComments(crossingLines: false)
                let value = try readValue()
                result.append(Setting(key: key, value: value, line: startLine))
                skipBlanksAndComments(crossingLines: false)
                switch peek {
                case nil, UInt8(ascii: "\n"), UInt8(ascii: ";"):
                    if peek == UInt8(ascii: ";") { index += 1 }
                default:
                    throw error("expecting a separator")
                }
            }
        }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        static func startsKey(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || byte == UInt8(ascii: "_")
        }

        static func continuesKey(_ byte: UInt8) -> Bool {
            startsKey(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
        }

        mutating func readKey() -> String {
            let start = index
            while let byte = peek, Self.continuesKey(byte) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        mutating func skipBlanksAndComments(crossingLines: Bool) {
            while let byte = peek {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    index += 1
                case UInt8(ascii: "\n") where crossingLines:
                    index += 1
                    line += 1
                case UInt8(ascii: "#"):
                    while let next = peek, next != UInt8(ascii: "\n") { index += 1 }
                default:
                    return
                }
            }
        }

        mutating func readValue() throws(SyntaxError) -> Value {
            guard let byte = peek else { throw error("expecting a value") }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                return .string(try readString())
            case UInt8(ascii: "["):
                index += 1
                var items: [String] = []
                while true {
                    skipBlanksAndComments(crossingLines: true)
                    guard let next = peek else { throw error("list is not closed with ]") }
                    if next == UInt8(ascii: "]") {
                        index += 1
                        return .list(items)
                    }
                    guard next == UInt8(ascii: "\"") || next == UInt8(ascii: "'") else {
                        throw error("expecting a string in the list")
                    }
                    items.append(try readString())
                    skipBlanksAndComments(crossingLines: true)
                    if peek == nil { throw error("list is not closed with ]") }
                    if peek == UInt8(ascii: ",") {
                        index += 1
                    } else if peek != UInt8(ascii: "]") {
                        throw error("expecting a separator in list")
                    }
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = index
                index += 1
                while let next = peek, next >= UInt8(ascii: "0"), next <= UInt8(ascii: "9") { index += 1 }
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                guard let number = Int64(text) else { throw error("invalid number \(text)") }
                return .integer(number)
            default:
                throw error("expecting a value")
            }
        }

        mutating func readString() throws(SyntaxError) -> String {
            let quote = bytes[index]
            let startLine = line
            index += 1
            let start = index
            while let byte = peek, byte != quote {
                if byte == UInt8(ascii: "\n") { line += 1 }
                index += 1
            }
            guard peek == quote else {
                line = startLine
                throw error("unterminated string")
            }
            let slice = bytes[start..<index]
            index += 1
            guard let text = String(validating: slice, as: UTF8.self) else { throw error("string is not proper UTF-8") }
            return text
        }

        func error(_ problem: String) -> SyntaxError {
            SyntaxError(path: path, line: line, problem: problem)
        }
    }
}
