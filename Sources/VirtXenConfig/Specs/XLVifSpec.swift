import VirtModel

/// One entry of xl.cfg's `vif = [ ... ]` list (xl-network-configuration(5)): comma-separated `key=value`
/// options, leading blanks ignored. The options libvirt maps are typed; any other option xl knows is kept in
/// ``unsupported`` so the conversion can refuse it by name.
struct XLVifSpec: Equatable {
    var mac: String?
    var bridge: String?
    var script: String?
    var model: String?
    /// `type=vif` (paravirtual only) or `type=ioemu` (emulated and paravirtual, the default).
    var type: String?
    var vifname: String?
    /// Guest addresses, separated by blanks in the option.
    var ip: [String] = []
    /// `rate=`: the outbound limit in kilobytes per second.
    var rateKBps: UInt64?
    var unsupported: [String] = []

    init() {}

    /// - Throws: VIR_ERR_CONF_SYNTAX (VIR_FROM_XEN) for an option without '=' or one xl does not know.
    init(parsing spec: String) throws(VirtError) {
        for piece in spec.split(separator: ",", omittingEmptySubsequences: true) {
            let option = piece.drop { $0 == " " || $0 == "\t" }
            if option.isEmpty { continue }
            guard let equals = option.firstIndex(of: "=") else {
                throw Self.error(spec, "option '\(option)' has no value")
            }
            let key = String(option[..<equals])
            let value = String(option[option.index(after: equals)...])
            switch key {
            case "mac": mac = value
            case "bridge": bridge = value
            case "script": script = value
            case "model": model = value
            case "type":
                guard value == "vif" || value == "ioemu" else { throw Self.error(spec, "unknown type '\(value)'") }
                type = value
            case "vifname": vifname = value
            case "ip": ip = value.split(separator: " ").map(String.init)
            case "rate": rateKBps = try Self.rate(value, in: spec)
            case _ where Self.unmapped.contains(key) || key.hasPrefix("colo_"):
                unsupported.append(String(option))
            default:
                throw Self.error(spec, "unknown option '\(key)'")
            }
        }
    }

    /// Options xl knows that libvirt's interface XML has no place for (COLO's start with "colo_").
    static let unmapped: Set<String> = [
        "backend", "gatewaydev", "netdev", "accel", "devid", "mtu", "forwarddev", "trusted", "untrusted",
    ]

    /// xl's `RATE` without an `@INTERVAL` (libvirt has no interval): digits, an optional K, M or G, then B/s
    /// (bytes) or b/s (bits), in kilobytes per second as libvirt counts them.
    static func rate(_ text: String, in spec: String) throws(VirtError) -> UInt64 {
        if text.contains("@") {
            throw VirtError(.configUnsupported, .xen, "vif rate '\(text)': a replenishment interval has no libvirt equivalent")
        }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        var unit = text.dropFirst(digits.count)
        var scale: UInt64 = 1
        switch unit.first {
        case "G": scale = 1024 * 1024
        case "M": scale = 1024
        case "K": scale = 1
        default: break
        }
        if scale != 1 || unit.first == "K" { unit = unit.dropFirst() }
        guard let number = UInt64(digits), unit == "B/s" || unit == "b/s" else {
            throw VirtError(.internalError, .xen, "Invalid rate '\(text)' specified")
        }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: scale)
        guard !overflow else { throw VirtError(.internalError, .xen, "Failed to parse rate '\(text)'") }
        return unit == "b/s" ? bytes / 8 : bytes
    }

    static func error(_ spec: String, _ problem: String) -> VirtError {
        VirtError(.confSyntax, .xen, "vif specification '\(spec)': \(problem)")
    }

    /// libvirt's order: mac, bridge, ip, script (for a vif without bridge: script, ip), model or type, vifname.
    var text: String {
        var parts: [String] = []
        if let mac { parts.append("mac=\(mac)") }
        if let bridge { parts.append("bridge=\(bridge)") }
        let addresses = ip.isEmpty ? [] : ["ip=\(ip.joined(separator: " "))"]
        if bridge != nil { parts += addresses }
        if let script { parts.append("script=\(script)") }
        if bridge == nil { parts += addresses }
        if let model { parts.append("model=\(model)") }
        if let type { parts.append("type=\(type)") }
        if let vifname { parts.append("vifname=\(vifname)") }
        if let rateKBps { parts.append("rate=\(rateKBps)KB/s") }
        return parts.joined(separator: ",")
    }
}
