import Virt

/// libvirt's scaled integers ("512", "2G", "1.5" is not one): a number with an optional unit suffix,
/// b/byte(s), k/KiB, KB, m/MiB, MB, ... up to e/EiB/EB (`virScaleInteger`).
enum ScaledInteger {
    /// `value` times the unit of `suffix`; no suffix means `defaultScale`. Fails with libvirt's errors
    /// for an unknown suffix or a result above `limit`.
    static func scale(
        _ value: UInt64, suffix: String, defaultScale: UInt64, limit: UInt64
    ) -> Result<UInt64, VirtError> {
        let scale: UInt64
        if suffix.isEmpty {
            scale = defaultScale
        } else if ["b", "byte", "bytes"].contains(suffix.lowercased()) {
            scale = 1
        } else {
            let letters = Array(suffix.utf8)
            let base: UInt64
            if letters.count == 1 || String(decoding: letters.dropFirst(), as: UTF8.self).lowercased() == "ib" {
                base = 1024
            } else if letters.count == 2, letters[1] | 0x20 == UInt8(ascii: "b") {
                base = 1000
            } else {
                return .failure(VirtError(.invalidArg, .none, "unknown suffix '\(suffix)'"))
            }
            let powers: [UInt8: Int] = [
                UInt8(ascii: "k"): 1, UInt8(ascii: "m"): 2, UInt8(ascii: "g"): 3,
                UInt8(ascii: "t"): 4, UInt8(ascii: "p"): 5, UInt8(ascii: "e"): 6,
            ]
            guard let power = powers[letters[0] | 0x20] else {
                return .failure(VirtError(.invalidArg, .none, "unknown suffix '\(suffix)'"))
            }
            scale = (0..<power).reduce(1) { product, _ in product * base }
        }
        if value != 0 && value > limit / scale {
            return .failure(VirtError(.overflow, .none, "value too large: \(value)\(suffix)"))
        }
        return .success(value * scale)
    }
}
