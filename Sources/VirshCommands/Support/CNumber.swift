#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// libvirt's `virStrToLong_*` family: the C library's strtol/strtoul/strtoull with libvirt's checks, so virsh
/// accepts and refuses exactly the same spellings ("  12", "+3", "0x1f" with base 0, "-1" where wrapping is allowed).
enum CNumber {
    /// The parsed value and whatever follows the number.
    struct Prefix<Value> {
        var value: Value
        var rest: String
    }

    /// `virStrToLong_i`: the whole text must be an `int`.
    static func int32(_ text: String, base: Int32 = 10) -> Int32? {
        guard let prefix = longPrefix(text, base: base), prefix.rest.isEmpty,
              let value = Int32(exactly: prefix.value) else { return nil }
        return value
    }

    /// `virStrToLong_i` with an end pointer: an `int` at the start of `text`.
    static func int32Prefix(_ text: String, base: Int32 = 10) -> Prefix<Int32>? {
        guard let prefix = longPrefix(text, base: base), let value = Int32(exactly: prefix.value) else { return nil }
        return Prefix(value: value, rest: prefix.rest)
    }

    /// `virStrToLong_uip` (`wrap` false: no minus sign anywhere in the number) or `virStrToLong_ui`
    /// (`wrap` true: "-1" is UINT_MAX).
    static func uint32(_ text: String, wrap: Bool, base: Int32 = 10) -> UInt32? {
        guard let prefix = unsignedPrefix(text, base: base), prefix.rest.isEmpty else { return nil }
        var value = prefix.value
        if prefix.hadMinus {
            guard wrap else { return nil }
            // strtoul negated the magnitude; it must fit in 32 bits before wrapping.
            guard 0 &- value <= UInt64(UInt32.max) else { return nil }
            value &= 0xffff_ffff
        }
        return UInt32(exactly: value)
    }

    /// `virStrToLong_ullp` (`wrap` false) or `virStrToLong_ull` (`wrap` true): the whole text.
    static func uint64(_ text: String, wrap: Bool, base: Int32 = 10) -> UInt64? {
        guard let prefix = uint64Prefix(text, wrap: wrap, base: base), prefix.rest.isEmpty else { return nil }
        return prefix.value
    }

    /// `virStrToLong_ullp`/`virStrToLong_ull` with an end pointer: the number at the start of `text`.
    static func uint64Prefix(_ text: String, wrap: Bool, base: Int32 = 10) -> Prefix<UInt64>? {
        guard let prefix = unsignedPrefix(text, base: base) else { return nil }
        if prefix.hadMinus && !wrap { return nil }
        return Prefix(value: prefix.value, rest: prefix.rest)
    }

    private static func longPrefix(_ text: String, base: Int32) -> Prefix<Int>? {
        text.withCString { start -> Prefix<Int>? in
            var end: UnsafeMutablePointer<CChar>?
            errno = 0
            let value = strtol(start, &end, base)
            guard errno == 0, let end, end != UnsafeMutablePointer(mutating: start) else { return nil }
            return Prefix(value: value, rest: String(cString: end))
        }
    }

    private static func unsignedPrefix(_ text: String, base: Int32) -> (value: UInt64, rest: String, hadMinus: Bool)? {
        text.withCString { start -> (value: UInt64, rest: String, hadMinus: Bool)? in
            var end: UnsafeMutablePointer<CChar>?
            errno = 0
            let value = strtoull(start, &end, base)
            guard errno == 0, let end else { return nil }
            let consumed = UnsafeRawPointer(end) - UnsafeRawPointer(start)
            guard consumed > 0 else { return nil }
            let hadMinus = UnsafeBufferPointer(start: start, count: consumed).contains(CChar(UInt8(ascii: "-")))
            return (UInt64(value), String(cString: end), hadMinus)
        }
    }
}
