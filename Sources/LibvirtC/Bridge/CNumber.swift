import Glibc

/// Decimal numbers parsed as libvirt's virStrToLong_* and virStrToDouble parse them: C's strto* on the whole
/// text (leading blanks allowed, nothing after), refused when out of range.
enum CNumber {
    static func long(_ text: UnsafePointer<CChar>) -> Int64? {
        whole(text) { strtoll($0, $1, 10) }
    }

    /// strtoull's reading: "-1" is the largest value, as C (and libvirt) have it.
    static func unsignedLong(_ text: UnsafePointer<CChar>) -> UInt64? {
        whole(text) { strtoull($0, $1, 10) }
    }

    /// An unsigned int where "-1" means UINT_MAX (libvirt allows that shorthand) and other negatives are refused.
    static func unsignedInt(_ text: UnsafePointer<CChar>) -> UInt32? {
        guard let value = unsignedLong(text) else { return nil }
        if strchr(text, Int32(UInt8(ascii: "-"))) != nil {
            return 0 &- value > UInt64(UInt32.max) ? nil : UInt32(truncatingIfNeeded: value)
        }
        return UInt32(exactly: value)
    }

    static func double(_ text: UnsafePointer<CChar>) -> Double? {
        whole(text) { strtod($0, $1) }
    }

    private static func whole<T>(
        _ text: UnsafePointer<CChar>, _ parse: (UnsafePointer<CChar>, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> T
    ) -> T? {
        var end: UnsafeMutablePointer<CChar>?
        errno = 0
        let value = parse(text, &end)
        guard errno == 0, let end, UnsafePointer(end) != text, end.pointee == 0 else { return nil }
        return value
    }
}
