import VirtModel

/// Memory sizes with units, as libvirt scales them (`virScaleInteger`): b/byte/bytes; k, M, G, T, P, E
/// alone or with "iB" are powers of 1024, with "B" powers of 1000; case-insensitive; no unit means KiB.
/// Results are stored in KiB, rounded up.
enum MemorySize {
    /// libvirt's bound on 64-bit hosts: LLONG_MAX bytes.
    static let maxBytes = UInt64(Int64.max)

    /// Scales `value` by `unit`. `defaultScale` applies when there is no unit.
    /// - Throws: VIR_ERR_INVALID_ARG for an unknown unit, VIR_ERR_OVERFLOW when the result exceeds `limit`.
    static func scale(_ value: UInt64, unit: String?, defaultScale: UInt64 = 1024, limit: UInt64 = maxBytes)
        throws(VirtError) -> UInt64
    {
        let suffix = unit ?? ""
        var scale: UInt64
        if suffix.isEmpty {
            scale = defaultScale
        } else {
            let lower = suffix.lowercased()
            if lower == "b" || lower == "byte" || lower == "bytes" {
                scale = 1
            } else {
                let chars = Array(lower.utf8)
                let base: UInt64
                if chars.count == 1 || lower.dropFirst() == "ib" {
                    base = 1024
                } else if chars.count == 2, chars[1] == UInt8(ascii: "b") {
                    base = 1000
                } else {
                    throw VirtError(.invalidArg, .none, "unknown suffix '\(suffix)'")
                }
                let power: Int
                switch chars[0] {
                case UInt8(ascii: "k"): power = 1
                case UInt8(ascii: "m"): power = 2
                case UInt8(ascii: "g"): power = 3
                case UInt8(ascii: "t"): power = 4
                case UInt8(ascii: "p"): power = 5
                case UInt8(ascii: "e"): power = 6
                default: throw VirtError(.invalidArg, .none, "unknown suffix '\(suffix)'")
                }
                scale = 1
                for _ in 0..<power { scale *= base }
            }
        }
        if value != 0, value > limit / scale {
            throw VirtError(.overflow, .none, "value too large: \(value)\(suffix)")
        }
        return value * scale
    }

    /// Bytes to KiB, rounding up as `VIR_DIV_UP` does.
    static func kibibytes(fromBytes bytes: UInt64) -> UInt64 {
        bytes / 1024 + (bytes % 1024 == 0 ? 0 : 1)
    }
}
