import Virt
#if canImport(Glibc)
import Glibc
#endif

/// A C string's bytes, as the caller passed them: text that must be checked (domain XML, URIs) is decoded
/// only after the check, never with U+FFFD standing in for what was not UTF-8. (Domain XML is checked
/// by ``DomainXMLInput``.) The bytes are copied first: the check runs where the call runs.
enum CStringBytes {
    static func of(_ pointer: UnsafePointer<CChar>) -> [UInt8] {
        Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer))).map { UInt8(bitPattern: $0) }
    }

    /// A connection URI: libvirt's virURIParse refuses one that is not UTF-8 as unparsable.
    static func uri(_ bytes: [UInt8]) throws(VirtError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw VirtError(.internalError, .uri, "Unable to parse URI \(String(decoding: bytes, as: UTF8.self))")
        }
        return text
    }
}
