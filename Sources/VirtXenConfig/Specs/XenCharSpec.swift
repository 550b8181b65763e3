import VirtModel
import VirtXML

/// xl's character device strings for `serial` and `parallel`, in the forms libvirt maps to char devices:
/// `pty`, `null`, `vc`, `stdio`, `file:PATH`, `pipe:PATH` and an absolute device path. The network forms
/// (`tcp:`, `udp:`, `unix:`, `telnet:`) are refused by name.
enum XenCharSpec {
    static func device(parsing text: String) throws(VirtError) -> CharDevice {
        if text.hasPrefix("/") { return CharDevice(type: "dev", sourcePath: text) }
        let prefix = text.prefix { $0 != ":" }
        let rest = text.dropFirst(prefix.count + 1)
        switch prefix {
        case "pty", "null", "vc", "stdio":
            return CharDevice(type: String(prefix))
        case "file", "pipe":
            return CharDevice(type: String(prefix), sourcePath: String(rest))
        case "tcp", "udp", "unix", "telnet":
            throw VirtError(.configUnsupported, .xen, "character device '\(text)' is not supported by this conversion")
        default:
            throw VirtError(.internalError, .xen, "unknown chr device type '\(prefix)'")
        }
    }

    /// The xl string for a char device of `type` with `path`; nil for a type it has no string for.
    static func text(type: String, path: String?) -> String? {
        switch type {
        case "pty", "null", "vc", "stdio": return type
        case "file", "pipe": return path.map { "\(type):\($0)" }
        case "dev": return path
        default: return nil
        }
    }
}
