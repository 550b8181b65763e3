#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Floating-point formatting by the C library itself, so digits and rounding are exactly printf's.
enum CFormat {
    /// `%.<digits>f`.
    static func fixed(_ value: Double, digits: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let written = withVaList([Int32(digits), value]) { arguments in
            vsnprintf(&buffer, buffer.count, "%.*f", arguments)
        }
        if written >= buffer.count {
            buffer = [CChar](repeating: 0, count: Int(written) + 1)
            _ = withVaList([Int32(digits), value]) { arguments in
                vsnprintf(&buffer, buffer.count, "%.*f", arguments)
            }
        }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `%g`: never more than a few dozen characters.
    static func shortest(_ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([value]) { arguments in vsnprintf(&buffer, buffer.count, "%g", arguments) }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
