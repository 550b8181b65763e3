/// Numbers read as libvirt's `virStrToLong_*` helpers read them (C `strtol`/`strtoul` plus libvirt's checks),
/// so virsh arguments and XML values accept and refuse exactly the spellings libvirt does: leading white
/// space, an optional sign, digits in `base` (16 takes a "0x" prefix; 0 picks the base from the prefix as C
/// does), and nothing after the digits unless the caller asks for the rest.
///
/// Pure Swift over UTF-8, so that VirtModel stays free of the C library and `errno`.
package enum CNumber {
    /// What `strtoull` saw: the digits' magnitude, a minus sign, whether the magnitude overflowed, and
    /// where the digits end (C's end pointer).
    package struct Scan {
        package var magnitude: UInt64
        package var negative: Bool
        package var overflow: Bool
        package var end: String.Index
    }

    /// A number at the start of a text and whatever follows it (C's end pointer).
    package struct Prefix<Value> {
        package var value: Value
        package var rest: Substring
    }

    /// Scans a number at the start of `utf8`; nil when there are no digits (C leaves the end pointer at
    /// the start then).
    package static func scan(_ utf8: Substring.UTF8View, base requestedBase: Int = 10) -> Scan? {
        var base = UInt64(requestedBase)
        var bytes = utf8[...]
        while let c = bytes.first, isSpace(c) { bytes = bytes.dropFirst() }
        var negative = false
        if let c = bytes.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            negative = c == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        let hexPrefix = bytes.starts(with: "0x".utf8) || bytes.starts(with: "0X".utf8)
        if base == 0 { base = hexPrefix ? 16 : bytes.first == UInt8(ascii: "0") ? 8 : 10 }
        // "0x" without a hex digit after it is the number 0 followed by "x", as in C.
        if base == 16, hexPrefix, let c = bytes.dropFirst(2).first, digit(c, base: base) != nil {
            bytes = bytes.dropFirst(2)
        }
        var magnitude: UInt64 = 0
        var overflow = false
        var digits = 0
        while let c = bytes.first, let d = digit(c, base: base) {
            let (times, o1) = magnitude.multipliedReportingOverflow(by: base)
            let (sum, o2) = times.addingReportingOverflow(d)
            overflow = overflow || o1 || o2
            magnitude = sum
            digits += 1
            bytes = bytes.dropFirst()
        }
        guard digits > 0 else { return nil }
        return Scan(magnitude: magnitude, negative: negative, overflow: overflow, end: bytes.startIndex)
    }

    /// C's `isspace` in the C locale.
    package static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || (c >= 0x09 && c <= 0x0d)
    }

    // MARK: The whole text

    /// `virStrToLong_i`: an `int`.
    package static func int32(_ text: String, base: Int = 10) -> Int32? {
        whole(text) { int32Prefix($0, base: base) }
    }

    /// `virStrToLong_ll`: a `long long`.
    package static func int64(_ text: String, base: Int = 10) -> Int64? {
        whole(text) { int64Prefix($0, base: base) }
    }

    /// `virStrToLong_ui` (`wrap` true: "-N" wraps as C does, "-1" is UINT_MAX) or `virStrToLong_uip`
    /// (`wrap` false: no minus sign).
    package static func uint32(_ text: String, wrap: Bool, base: Int = 10) -> UInt32? {
        whole(text) { uint32Prefix($0, wrap: wrap, base: base) }
    }

    /// `virStrToLong_ull` (`wrap` true) or `virStrToLong_ullp` (`wrap` false).
    package static func uint64(_ text: String, wrap: Bool, base: Int = 10) -> UInt64? {
        whole(text) { uint64Prefix($0, wrap: wrap, base: base) }
    }

    // MARK: With an end pointer

    /// `virStrToLong_i` with an end pointer: an `int` at the start of `text`.
    package static func int32Prefix(_ text: Substring, base: Int = 10) -> Prefix<Int32>? {
        guard let found = scan(text.utf8, base: base), !found.overflow else { return nil }
        let limit = found.negative ? UInt64(Int32.max) + 1 : UInt64(Int32.max)
        guard found.magnitude <= limit else { return nil }
        let value = Int32(truncatingIfNeeded: found.negative ? 0 &- Int64(found.magnitude) : Int64(found.magnitude))
        return Prefix(value: value, rest: rest(text, after: found.end))
    }

    /// `virStrToLong_ll` with an end pointer.
    package static func int64Prefix(_ text: Substring, base: Int = 10) -> Prefix<Int64>? {
        guard let found = scan(text.utf8, base: base), !found.overflow else { return nil }
        let limit = found.negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        guard found.magnitude <= limit else { return nil }
        let value = Int64(truncatingIfNeeded: found.negative ? 0 &- found.magnitude : found.magnitude)
        return Prefix(value: value, rest: rest(text, after: found.end))
    }

    /// `virStrToLong_ui`/`virStrToLong_uip` with an end pointer.
    package static func uint32Prefix(_ text: Substring, wrap: Bool, base: Int = 10) -> Prefix<UInt32>? {
        guard let found = scan(text.utf8, base: base), !found.overflow,
              found.magnitude <= UInt64(UInt32.max), wrap || !found.negative
        else { return nil }
        // strtoul negates the magnitude; libvirt keeps "-N" only when N fits in 32 bits, then wraps it there.
        let value = UInt32(truncatingIfNeeded: found.negative ? 0 &- found.magnitude : found.magnitude)
        return Prefix(value: value, rest: rest(text, after: found.end))
    }

    /// `virStrToLong_ull`/`virStrToLong_ullp` with an end pointer.
    package static func uint64Prefix(_ text: Substring, wrap: Bool, base: Int = 10) -> Prefix<UInt64>? {
        guard let found = scan(text.utf8, base: base), !found.overflow, wrap || !found.negative else {
            return nil
        }
        return Prefix(value: found.negative ? 0 &- found.magnitude : found.magnitude, rest: rest(text, after: found.end))
    }

    // MARK: Helpers

    private static func whole<Value>(_ text: String, _ prefix: (Substring) -> Prefix<Value>?) -> Value? {
        guard let parsed = prefix(Substring(text)), parsed.rest.isEmpty else { return nil }
        return parsed.value
    }

    /// What follows the digits; `end` follows an ASCII byte, so it is a scalar boundary.
    private static func rest(_ text: Substring, after end: String.Index) -> Substring {
        Substring(text.utf8[end...])
    }

    private static func digit(_ c: UInt8, base: UInt64) -> UInt64? {
        let value: UInt64
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt64(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt64(c - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt64(c - UInt8(ascii: "A")) + 10
        default: return nil
        }
        return value < base ? value : nil
    }
}
