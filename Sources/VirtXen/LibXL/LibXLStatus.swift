import CXenLight
import FoundationEssentials
import VirtDriver

/// libxl's status codes as SwiftVirt errors.
enum LibXLStatus {
    /// "Failed to <what> with libxenlight" (libvirt's wording), then libxl's own first error, or its
    /// status name when it logged none.
    static func error(_ what: String, status: Int32, message: String) -> VirtError {
        var detail = "Failed to \(what) with libxenlight"
        if !message.isEmpty {
            detail += ": \(message)"
        } else if let name = cxl_error_name(status) {
            detail += ": \(String(cString: name))"
        } else if status != 0 {
            detail += ": error \(status)"
        }
        return VirtError(.internalError, .libxl, detail)
    }
}

/// Decodes libxl's JSON.
enum LibXLJSON {
    static func decode<T: Decodable>(_ type: T.Type, from text: String, what: String) throws(VirtError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw VirtError(.internalError, .libxl, "cannot \(what): libxenlight returned JSON SwiftVirt does not understand (\(error))")
        }
    }
}
