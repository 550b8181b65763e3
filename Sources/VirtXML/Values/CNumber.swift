/// C `strtol`/`strtoul` semantics as libvirt's `virStrToLong_*` helpers use them: leading white space,
/// an optional sign, digits in `base` (16 accepts a "0x" prefix), and the whole string must be consumed.
enum CNumber {
    struct Scan {
        var magnitude: UInt64
        var negative: Bool
        var overflow: Bool
    }

    /// Scans the whole of `text`; nil when there are no digits or characters remain after them.
    /// Base 0 picks the base from the prefix as C does: "0x" hexadecimal, "0" octal, else decimal.
    static func scan(_ text: String, base requestedBase: UInt64 = 10) -> Scan? {
        var base = requestedBase
        var bytes = Substring(text).utf8[...]
        while let c = bytes.first, c == 0x20 || (c >= 0x09 && c <= 0x0d) { bytes = bytes.dropFirst() }
        var negative = false
        if let c = bytes.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            negative = c == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        if base == 0 {
            if bytes.starts(with: "0x".utf8) || bytes.starts(with: "0X".utf8) {
                base = 16
            } else {
                base = bytes.first == UInt8(ascii: "0") ? 8 : 10
            }
        }
        if base == 16, bytes.starts(with: "0x".utf8) || bytes.starts(with: "0X".utf8) {
            let rest = bytes.dropFirst(2)
            if let c = rest.first, digit(c, base: base) != nil { bytes = rest }
        }
        var magnitude: UInt64 = 0
        var overflow = false
        var digits = 0
        while let c = bytes.first, let d = digit(c, base: base) {
            let (times, o1) = magnitude.multipliedReportingOverflow(by: base)
            let (sum, o2) = times.addingReportingOverflow(d)
            if o1 || o2 { overflow = true }
            magnitude = sum
            digits += 1
            bytes = bytes.dropFirst()
        }
        guard digits > 0, bytes.isEmpty else { return nil }
        return Scan(magnitude: magnitude, negative: negative, overflow: overflow)
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

    /// `virStrToLong_uip`: an unsigned int, no minus sign.
    static func uint32Positive(_ text: String, base: UInt64 = 10) -> UInt32? {
        guard let s = scan(text, base: base), !s.negative, !s.overflow, s.magnitude <= UInt64(UInt32.max) else {
            return nil
        }
        return UInt32(s.magnitude)
    }

    /// `virStrToLong_ui`: an unsigned int where "-N" wraps as C does ("-1" is UINT_MAX).
    static func uint32(_ text: String, base: UInt64 = 10) -> UInt32? {
        guard let s = scan(text, base: base), !s.overflow else { return nil }
        if s.negative {
            guard s.magnitude <= UInt64(UInt32.max) else { return nil }
            return UInt32(truncatingIfNeeded: 0 &- s.magnitude)
        }
        guard s.magnitude <= UInt64(UInt32.max) else { return nil }
        return UInt32(s.magnitude)
    }

    /// `virStrToLong_i`: a signed int.
    static func int32(_ text: String, base: UInt64 = 10) -> Int32? {
        guard let s = scan(text, base: base), !s.overflow else { return nil }
        if s.negative {
            guard s.magnitude <= UInt64(Int32.max) + 1 else { return nil }
            return Int32(truncatingIfNeeded: 0 &- Int64(s.magnitude))
        }
        guard s.magnitude <= UInt64(Int32.max) else { return nil }
        return Int32(s.magnitude)
    }

    /// `virStrToLong_ll`: a signed long long.
    static func int64(_ text: String) -> Int64? {
        guard let s = scan(text), !s.overflow else { return nil }
        if s.negative {
            guard s.magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return Int64(truncatingIfNeeded: 0 &- s.magnitude)
        }
        guard s.magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(s.magnitude)
    }

    /// `virStrToLong_ullp`: an unsigned long long, no minus sign.
    static func uint64Positive(_ text: String) -> UInt64? {
        guard let s = scan(text), !s.negative, !s.overflow else { return nil }
        return s.magnitude
    }
}
