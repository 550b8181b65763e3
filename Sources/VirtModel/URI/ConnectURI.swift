/// A libvirt connection URI: `driver[+transport]://[user@][host][:port]/path[?query]`.
///
/// `test:///default`, `qemu:///system`, `qemu:///embed?root=/tmp/x`, `qemu+ssh://root@host/system`.
/// The driver is chosen by ``driver``; ``transport`` and ``host`` say whether it is remote.
public struct ConnectURI: Sendable, Hashable, CustomStringConvertible {
    /// The full scheme, e.g. "qemu+ssh".
    public var scheme: String
    public var user: String?
    public var host: String?
    public var port: Int?
    /// The path, starting with "/" when present ("/system", "/default", "/tmp/node.xml").
    public var path: String
    /// The raw query, without the "?".
    public var query: String?
    public var fragment: String?

    public init(
        scheme: String, user: String? = nil, host: String? = nil, port: Int? = nil,
        path: String, query: String? = nil, fragment: String? = nil
    ) {
        self.scheme = scheme
        self.user = user
        self.host = host
        self.port = port
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    /// Parses `text`. Throws VIR_ERR_NO_CONNECT when there is no scheme (as libvirt does for "foo")
    /// and VIR_ERR_INVALID_ARG when the rest cannot be parsed.
    public init(parsing text: String) throws(VirtError) {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex,
              text[..<colon].allSatisfy(Self.isSchemeCharacter),
              text[text.startIndex].isLetter
        else {
            throw VirtError(.noConnect, .none, "URI '\(text)' does not include a driver name")
        }
        scheme = String(text[..<colon])
        var rest = Substring(text[text.index(after: colon)...])

        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            var authority = rest[..<authorityEnd]
            rest = rest[authorityEnd...]
            if let at = authority.lastIndex(of: "@") {
                user = Self.percentDecoded(authority[..<at])
                authority = authority[authority.index(after: at)...]
            }
            if authority.hasPrefix("[") {
                guard let close = authority.firstIndex(of: "]") else {
                    throw VirtError(.invalidArg, .uri, "Unable to parse URI \(text)")
                }
                host = String(authority[authority.index(after: authority.startIndex)..<close])
                authority = authority[authority.index(after: close)...]
                if !authority.isEmpty && !authority.hasPrefix(":") {
                    throw VirtError(.invalidArg, .uri, "Unable to parse URI \(text)")
                }
            } else if let portColon = authority.lastIndex(of: ":") {
                host = Self.percentDecoded(authority[..<portColon])
                authority = authority[portColon...]
            } else {
                host = Self.percentDecoded(authority)
                authority = authority[authority.endIndex...]
            }
            if authority.hasPrefix(":") {
                let digits = authority.dropFirst()
                if !digits.isEmpty {
                    guard let value = Int(digits), (0...65535).contains(value) else {
                        throw VirtError(.invalidArg, .uri, "Unable to parse URI \(text)")
                    }
                    port = value
                }
            }
            if host?.isEmpty == true { host = nil }
        }
        path = Self.percentDecoded(rest)
    }

    /// The driver part of the scheme ("qemu" for "qemu+ssh").
    public var driver: String {
        String(scheme.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false)[0])
    }

    /// The transport part of the scheme ("ssh" for "qemu+ssh"), nil when there is none.
    public var transport: String? {
        let parts = scheme.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count == 2 ? String(parts[1]) : nil
    }

    /// Whether the URI names another host or a transport, i.e. needs the remote driver.
    public var isRemote: Bool { transport != nil || host != nil }

    /// Query parameters in order, percent-decoded (`a=1&b=2`).
    public var parameters: [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(whereSeparator: { $0 == "&" || $0 == ";" }).map { item in
            if let eq = item.firstIndex(of: "=") {
                return (Self.percentDecoded(item[..<eq]), Self.percentDecoded(item[item.index(after: eq)...]))
            }
            return (Self.percentDecoded(item), "")
        }
    }

    /// The value of the first query parameter called `name`.
    public func parameter(_ name: String) -> String? {
        parameters.first(where: { $0.name == name })?.value
    }

    /// The URI as libvirt prints it (`virConnectGetURI`).
    public var description: String {
        var out = scheme + ":"
        if user != nil || host != nil || port != nil || path.hasPrefix("/") {
            out += "//"
            if let user { out += user + "@" }
            if let host { out += host.contains(":") ? "[\(host)]" : host }
            if let port { out += ":\(port)" }
        }
        out += path
        if let query { out += "?" + query }
        if let fragment { out += "#" + fragment }
        return out
    }

    private static func isSchemeCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "+" || c == "-" || c == ".")
    }

    private static func percentDecoded(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var utf8 = text.utf8[...]
        while let c = utf8.first {
            utf8 = utf8.dropFirst()
            if c == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(c)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
