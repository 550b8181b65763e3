import CLibvirt
@preconcurrency import Glibc

// stderr as libvirt writes to it (a FILE, so ordering with the program's own stderr output is kept).
nonisolated(unsafe) private let standardError = stderr

extension ErrorReporting {
    /// virDefaultErrorFunc(): "libvirt: <domain> <level> : <message>" on stderr. The domain/network name
    /// slot is always empty: errors never carry those (deprecated) objects.
    static func printDefault(_ record: UnsafePointer<virError>) {
        let error = record.pointee
        guard error.code != 0 else { return }
        let level = switch error.level {
        case VIR_ERR_WARNING: "warning"
        case VIR_ERR_ERROR: "error"
        default: ""
        }
        let domain = ErrorDomainName.of(error.domain)
        let message = error.message.map { String(cString: $0) } ?? ""
        let line: String
        if error.domain == Int32(VIR_FROM_XML.rawValue) && error.code == Int32(VIR_ERR_XML_DETAIL.rawValue)
            && error.int1 != 0
        {
            line = "libvirt: \(domain) \(level) : line \(error.int1): \(message)"
        } else if message.hasSuffix("\n") {
            line = "libvirt: \(domain) \(level) : \(message)"
        } else {
            line = "libvirt: \(domain) \(level) : \(message)\n"
        }
        fputs(line, standardError)
    }
}
