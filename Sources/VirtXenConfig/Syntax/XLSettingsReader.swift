import VirtModel

/// Typed reads of an ``XLConfig`` that remember which settings were read, so that whatever a conversion did
/// not use can be kept instead of dropped.
///
/// Values are taken as xl takes them: a number where a string is expected is its digits, and a string
/// holding a number counts as that number. A value of the wrong shape is an error naming the setting, worded
/// as libvirt's xen helpers word it (VIR_ERR_INTERNAL_ERROR from VIR_FROM_XEN).
struct XLSettingsReader {
    let config: XLConfig
    /// How libvirt names the configuration in its messages ("memory conf" for text it was handed).
    let sourceName: String
    private(set) var used: Set<String> = []

    init(_ config: XLConfig, sourceName: String = "memory conf") {
        self.config = config
        self.sourceName = sourceName
    }

    /// The raw value of `name`, now counted as used.
    mutating func take(_ name: String) -> XLValue? {
        guard let value = config[name] else { return nil }
        used.insert(name)
        return value
    }

    /// Marks settings as used whose meaning is already expressed by others.
    mutating func markUsed(_ names: String...) {
        for name in names where config[name] != nil { used.insert(name) }
    }

    /// A string setting.
    mutating func string(_ name: String) throws(VirtError) -> String? {
        switch take(name) {
        case nil: return nil
        case .string(let text): return text
        case .number(let number): return String(number)
        case .list:
            throw VirtError(.internalError, .conf, "\(sourceName): expected a string for '\(name)' parameter")
        }
    }

    /// A non-negative number (`xenConfigGetULong`); a numeric string counts.
    mutating func unsigned(_ name: String) throws(VirtError) -> UInt64? {
        guard let number = try signed(name) else { return nil }
        guard number >= 0 else { throw malformed(name) }
        return UInt64(number)
    }

    /// A number that may be negative (`rtc_timeoffset`).
    mutating func signed(_ name: String) throws(VirtError) -> Int64? {
        switch take(name) {
        case nil: return nil
        case .number(let number): return number
        case .string(let text):
            let negative = text.hasPrefix("-")
            guard let magnitude = XLConfigParser.integer(negative ? String(text.dropFirst()) : text),
                magnitude <= UInt64(Int64.max)
            else { throw malformed(name) }
            return negative ? -Int64(magnitude) : Int64(magnitude)
        case .list: throw malformed(name)
        }
    }

    /// A boolean (`xenConfigGetBool`): a number is true unless zero, as xl reads it.
    mutating func bool(_ name: String) throws(VirtError) -> Bool? {
        try signed(name).map { $0 != 0 }
    }

    /// A list of strings (numbers count as their digits).
    mutating func stringList(_ name: String) throws(VirtError) -> [String]? {
        guard let value = take(name) else { return nil }
        guard case .list(let items) = value else {
            throw VirtError(.confSyntax, .conf, "\(sourceName): expected a string list for '\(name)' parameter")
        }
        var strings: [String] = []
        for item in items {
            switch item {
            case .string(let text): strings.append(text)
            case .number(let number): strings.append(String(number))
            case .list:
                throw VirtError(.confSyntax, .conf, "\(sourceName): expected a string list for '\(name)' parameter")
            }
        }
        return strings
    }

    /// A string, or a list of strings; xl reads `serial` and `usbdevice` either way.
    mutating func stringOrList(_ name: String) throws(VirtError) -> [String]? {
        if case .list = config[name] { return try stringList(name) }
        return try string(name).map { [$0] }
    }

    /// The settings not read, in file order.
    var unused: [XLSetting] {
        config.settings.filter { !used.contains($0.name) }
    }

    func malformed(_ name: String) -> VirtError {
        VirtError(.internalError, .xen, "config value \(name) was malformed")
    }
}
