import Testing

@testable import QMP

@Suite("JSONValue parsing and serialization")
struct JSONValueTests {
    @Test("parses every kind of value")
    func parsesKinds() throws {
        let value = try JSONValue(parsing: #" {"a": [1, -2, 3.5, 1e3, true, false, null, "x"], "b": {}} "#)
        #expect(value == ["a": [1, -2, 3.5, 1000.0, true, false, nil, "x"], "b": [:]])
    }

    @Test("integers stay exact; only values above Int64.max become .uint")
    func integers() throws {
        #expect(try JSONValue(parsing: "9223372036854775807") == .int(.max))
        #expect(try JSONValue(parsing: "-9223372036854775808") == .int(.min))
        #expect(try JSONValue(parsing: "18446744073709551615") == .uint(.max))
        #expect(try JSONValue(parsing: "18446744073709551616") == .double(18_446_744_073_709_551_616))
        #expect(try JSONValue(parsing: "-9223372036854775809") == .double(-9223372036854775809))
        #expect(try JSONValue(parsing: "9223372036854775808") == .uint(9_223_372_036_854_775_808))
        #expect(try JSONValue(parsing: "-0") == .int(0))
        #expect(try JSONValue(parsing: "0.5e-1") == .double(0.05))
    }

    @Test("decodes escapes and surrogate pairs")
    func escapes() throws {
        let value = try JSONValue(parsing: #""a\"b\\c\/d\b\f\n\r\t \u00e9 \ud83d\ude00 é""#)
        #expect(value == .string("a\"b\\c/d\u{8}\u{c}\n\r\t é 😀 é"))
    }

    @Test(
        "rejects what RFC 8259 rejects",
        arguments: [
            "", "   ", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "-", "1e", "+1", "tru", "nul",
            "\"abc", "\"\\x\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\u12\"", "\"a\u{1}b\"", "{1:2}",
            "[1 2]", "1 2", "NaN", "1e999", "'a'",
        ]
    )
    func rejects(_ text: String) {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: text) }
    }

    @Test("rejects invalid UTF-8 inside strings")
    func invalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONValue.ParseError.self) {
            try bytes.withUnsafeBytes { (raw) throws -> JSONValue in try JSONParser.parse(raw) }
        }
    }

    @Test("caps nesting depth")
    func depth() throws {
        let deep =
            String(repeating: "[", count: JSONParser.maximumDepth + 1)
            + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: deep) }
        let allowed =
            String(repeating: "[", count: JSONParser.maximumDepth)
            + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(try JSONValue(parsing: allowed).arrayValue?.count == 1)
    }

    @Test("serializes compactly with sorted keys and escapes")
    func serializes() {
        let value: JSONValue = ["b": [1, 2.5, "x\n\"\u{1}"], "a": nil, "c": ["t": true]]
        #expect(value.description == #"{"a":null,"b":[1,2.5,"x\n\"\u0001"],"c":{"t":true}}"#)
        #expect(JSONValue.double(.nan).description == "null")
    }

    @Test("round-trips generated values")
    func roundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let value = Self.randomValue(depth: 0, using: &generator)
            #expect(try JSONValue(parsing: value.description) == value)
        }
    }

    @Test("accessors convert between integer kinds only when exact")
    func accessors() {
        #expect(JSONValue.int(-1).uint64Value == nil)
        #expect(JSONValue.uint(5).int64Value == 5)
        #expect(JSONValue.uint(.max).int64Value == nil)
        #expect(JSONValue.double(1).int64Value == nil)
        #expect(JSONValue.int(3).doubleValue == 3)
        #expect(JSONValue.string("a")["x"] == nil)
        #expect((["x": 1] as JSONValue)["x"] == 1)
    }

    private static func randomValue(depth: Int, using generator: inout SystemRandomNumberGenerator) -> JSONValue {
        let kind = Int.random(in: 0..<(depth > 3 ? 6 : 8), using: &generator)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .int(Int64.random(in: .min ... .max, using: &generator))
        case 3: return .uint(UInt64.random(in: UInt64(Int64.max) + 1 ... .max, using: &generator))
        case 4: return .double(Double.random(in: -1e6...1e6, using: &generator))
        case 5:
            let scalars = (0..<Int.random(in: 0..<12, using: &generator)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: 0...0x1_F000, using: &generator))
            }
            return .string(String(String.UnicodeScalarView(scalars)))
        case 6:
            return .array(
                (0..<Int.random(in: 0..<4, using: &generator)).map { _ in
                    randomValue(depth: depth + 1, using: &generator)
                }
            )
        default:
            var members: [String: JSONValue] = [:]
            for index in 0..<Int.random(in: 0..<4, using: &generator) {
                members["k\(index)-\(Int.random(in: 0..<100, using: &generator))"] =
                    randomValue(depth: depth + 1, using: &generator)
            }
            return .object(members)
        }
    }
}
