import VirtModel

/// The scanner behind ``XLDiskSpec``: libxlu's disk lexer rules, one parameter at a time.
///
/// At each position, in libxlu's order of precedence: blanks before a parameter are skipped; `target=` takes
/// the rest of the string; a deprecated `prefix:` is consumed on its own; anything up to the next comma is a
/// `key=value` parameter, a flag, or the next positional parameter (target, format, vdev, access).
struct XLDiskSpecScanner {
    private let spec: String
    private let bytes: [UInt8]
    private var position = 0
    private var hadDeprecatedPrefix = false
    private var accessSet = false

    init(spec: String) {
        self.spec = spec
        bytes = Array(spec.utf8)
    }

    mutating func scan(into disk: inout XLDiskSpec) throws(VirtError) {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x09 || byte == 0x0a {
                position += 1
                continue
            }
            if startsWith("target=") {
                var value = Array(bytes[(position + 7)...])
                if value.last == UInt8(ascii: ",") { value.removeLast() }
                try save(String(decoding: value, as: UTF8.self), in: &disk.target, "target")
                return
            }
            if let prefix = deprecatedPrefix() {
                position += prefix.utf8.count + 1
                hadDeprecatedPrefix = true
                try applyPrefix(prefix, to: &disk)
                continue
            }
            var end = position
            while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
            let token = String(decoding: bytes[position..<end], as: UTF8.self)
            position = min(end + 1, bytes.count)
            if let equals = token.firstIndex(of: "=") {
                try applyParameter(String(token[..<equals]), String(token[token.index(after: equals)...]), to: &disk)
            } else if !applyFlag(token, to: &disk) {
                try applyPositional(token, to: &disk)
            }
        }
    }

    // MARK: parameters

    private mutating func applyParameter(_ key: String, _ value: String, to disk: inout XLDiskSpec) throws(VirtError) {
        switch key {
        case "format": try setFormat(value, on: &disk)
        case "devtype":
            switch value {
            case "cdrom": disk.isCDROM = true
            case "disk": disk.isCDROM = false
            default: throw error("unknown value for devtype", near: value)
            }
        case "access": try setAccess(value, on: &disk)
        case "backendtype":
            guard let backend = XLDiskSpec.Backend(rawValue: value) else {
                throw error("unknown value for backendtype", near: value)
            }
            if let earlier = disk.backend, earlier != backend { throw error("backendtype respecified", near: value) }
            disk.backend = backend
        case "vdev": try save(value, in: &disk.vdev, "vdev")
        case "specification" where value == "xen":
            break  // the default
        case "backend", "script", "specification", "colo-host", "colo-port", "colo-export", "active-disk",
            "hidden-disk", "grant_usage":
            disk.unsupported.append("\(key)=\(value)")
        default:
            throw error("unknown parameter", near: "\(key)=\(value)")
        }
    }

    private func applyFlag(_ token: String, to disk: inout XLDiskSpec) -> Bool {
        switch token {
        case "cdrom":
            disk.isCDROM = true
        case "direct-io-safe", "discard", "no-discard", "colo", "no-colo", "trusted", "untrusted":
            disk.unsupported.append(token)
        default:
            return false
        }
        return true
    }

    /// target, then format (unless a deprecated prefix set it), then vdev (possibly `vdev:devtype`), then access.
    private mutating func applyPositional(_ token: String, to disk: inout XLDiskSpec) throws(VirtError) {
        if disk.target == nil {
            try save(token, in: &disk.target, "target")
        } else if !hadDeprecatedPrefix && disk.format == nil {
            if disk.target == "", try vdevAndDevtype(token, on: &disk) {
                disk.format = .empty
            } else {
                try setFormat(token, on: &disk)
            }
        } else if disk.vdev == nil {
            if try !vdevAndDevtype(token, on: &disk) { try save(token, in: &disk.vdev, "vdev") }
        } else if !accessSet {
            accessSet = true
            try setAccess(token, on: &disk)
        } else {
            throw error("too many positional parameters", near: token)
        }
    }

    /// The deprecated `vdev:devtype` form ("hdc:cdrom"); false when there is no colon.
    private func vdevAndDevtype(_ token: String, on disk: inout XLDiskSpec) throws(VirtError) -> Bool {
        guard let colon = token.lastIndex(of: ":") else { return false }
        try save(String(token[..<colon]), in: &disk.vdev, "vdev")
        switch token[token.index(after: colon)...] {
        case "cdrom": disk.isCDROM = true
        case "disk": disk.isCDROM = false
        default: throw error("unknown deprecated type", near: String(token[token.index(after: colon)...]))
        }
        return true
    }

    // MARK: prefixes

    /// A lower-case word and ':' ("phy:/dev/x", "tap:aio:/img"). libxlu takes a word it knows whatever follows,
    /// and any other word only when no letter or digit follows the colon ("hdc:cdrom" is a positional vdev).
    private func deprecatedPrefix() -> String? {
        var end = position
        guard end < bytes.count, isLower(bytes[end]) else { return nil }
        while end < bytes.count, isLower(bytes[end]) || isDigit(bytes[end]) { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ":") else { return nil }
        let word = String(decoding: bytes[position..<end], as: UTF8.self)
        if Self.knownPrefixes.contains(word) { return word }
        if end + 1 < bytes.count, isLower(bytes[end + 1]) || isDigit(bytes[end + 1]) { return nil }
        return word
    }

    private static let knownPrefixes: Set<String> = [
        "raw", "qcow", "qcow2", "vhd", "iscsi", "nbd", "enbd", "drbd", "tapdisk", "tap", "tap2", "aio", "ioemu",
        "file", "phy",
    ]

    private func applyPrefix(_ prefix: String, to disk: inout XLDiskSpec) throws(VirtError) {
        switch prefix {
        case "raw", "qcow", "qcow2", "vhd":
            try setFormat(prefix, on: &disk)
        case "iscsi", "nbd", "enbd", "drbd":
            disk.unsupported.append("\(prefix):")
        case "phy":
            // libxlu ignores it and libxl picks the backend; the prefix says what the user meant.
            if disk.backend == nil { disk.backend = .phy }
        case "tapdisk", "tap", "tap2", "aio", "ioemu", "file":
            break
        default:
            throw error("unknown deprecated disk prefix", near: prefix + ":")
        }
    }

    // MARK: values

    private func setFormat(_ value: String, on disk: inout XLDiskSpec) throws(VirtError) {
        guard let format = value.isEmpty ? .raw : XLDiskSpec.Format(rawValue: value) else {
            throw error("unknown value for format", near: value)
        }
        if let earlier = disk.format, earlier != format { throw error("format respecified", near: value) }
        disk.format = format
    }

    private func setAccess(_ value: String, on disk: inout XLDiskSpec) throws(VirtError) {
        switch value {
        case "r", "ro": disk.readWrite = false
        case "rw", "w", "": disk.readWrite = true
        default: throw error("unknown value for access", near: value)
        }
    }

    /// A string parameter may be given once (an empty earlier value may be replaced), as in libxlu.
    private func save(_ value: String, in field: inout String?, _ name: String) throws(VirtError) {
        if let earlier = field, !earlier.isEmpty { throw error("\(name) respecified", near: value) }
        field = value
    }

    private func startsWith(_ text: String) -> Bool {
        let prefix = Array(text.utf8)
        return bytes.count - position >= prefix.count && Array(bytes[position..<(position + prefix.count)]) == prefix
    }

    private func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func error(_ problem: String, near text: String) -> VirtError {
        XLDiskSpec.error(spec, "\(problem) near '\(text)'")
    }
}
