public import VirtModel

/// An xl.cfg(5) file as its settings: one value per name, in the order the names first appear.
///
/// Reading resolves the file the way `xl` does: a name assigned twice keeps its last value, `name += value`
/// appends to a list or string read earlier, comments and layout are not kept. Writing (``text``) gives one
/// `name = value` line per setting in libvirt's layout, with strings quoted so that `xl` reads them back
/// unchanged, so reading what was written gives the same settings.
///
/// ```swift
/// var config = try XLConfig(parsing: "name = 'g'\nmemory = 512\ndisk = [ 'phy:/dev/vg/g,xvda,w' ]\n")
/// config["vcpus"] = .number(2)
/// print(config.text)
/// ```
public struct XLConfig: Sendable, Hashable {
    /// The settings, each name once.
    public private(set) var settings: [XLSetting]

    public init(_ settings: [XLSetting] = []) {
        self.settings = []
        for setting in settings { self[setting.name] = setting.value }
    }

    /// The value of `name`, or nil when the file does not set it. Setting a value replaces the old one in
    /// place or adds the name at the end; setting nil removes it.
    public subscript(name: String) -> XLValue? {
        get { settings.first { $0.name == name }?.value }
        set {
            let index = settings.firstIndex { $0.name == name }
            switch (index, newValue) {
            case (let index?, let value?): settings[index].value = value
            case (let index?, nil): settings.remove(at: index)
            case (nil, let value?): settings.append(XLSetting(name: name, value: value))
            case (nil, nil): break
            }
        }
    }

    /// The names set, in order.
    public var names: [String] { settings.map(\.name) }

    /// Reads xl.cfg text.
    /// - Parameter sourceName: how error messages name the text; libvirt names text it was handed "memory conf".
    /// - Throws: VIR_ERR_CONF_SYNTAX (VIR_FROM_CONF) "SOURCE:LINE: problem" at the first error.
    public init(parsing text: String, sourceName: String = "memory conf") throws(VirtError) {
        var parser = XLConfigParser(text: text, sourceName: sourceName)
        self.init()
        for statement in try parser.statements() {
            try apply(statement, sourceName: sourceName)
        }
    }

    /// The canonical text: `name = value` lines in order (libvirt's `virConfWriteMem` layout).
    public var text: String {
        var out = ""
        for setting in settings {
            out += setting.name
            out += " = "
            out += setting.value.text
            out += "\n"
        }
        return out
    }

    /// `name = value` replaces; `name += value` appends to what is already there, as xl does.
    private mutating func apply(_ statement: XLConfigParser.Statement, sourceName: String) throws(VirtError) {
        guard statement.appends, let earlier = self[statement.name] else {
            self[statement.name] = statement.value
            return
        }
        switch (earlier, statement.value) {
        case (.list(let first), .list(let more)):
            self[statement.name] = .list(first + more)
        case (.string(let first), .string(let more)):
            self[statement.name] = .string(first + more)
        default:
            throw XLConfigParser.syntaxError(
                "\(sourceName):\(statement.line): '\(statement.name) +=' can only extend a string with a string "
                    + "or a list with a list")
        }
    }
}

/// One setting: a name and its value.
public struct XLSetting: Sendable, Hashable {
    public var name: String
    public var value: XLValue

    public init(name: String, value: XLValue) {
        self.name = name
        self.value = value
    }
}
