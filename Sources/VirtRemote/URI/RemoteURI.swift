import VirtModel

/// What the remote driver takes from a connection URI, as libvirt's doRemoteOpen reads it: the transport,
/// the client-side query parameters (stripped, case-insensitively, from what the server sees), and the name
/// CONNECT_OPEN carries: the URI without transport, user, host and port, and without those parameters
/// (`qemu+ssh://root@host:22/system?no_tty=1&x=y` -> `qemu:///system?x=y`).
struct RemoteURI: Sendable, Equatable {
    let transport: RemoteTransport
    /// The hypervisor driver ("qemu", "test"), or "remote" for `remote://` URIs.
    let driver: String
    let user: String?
    let host: String?
    let port: Int?
    /// The name sent in CONNECT_OPEN ("" lets the server pick its default, as for `remote:///`).
    let openName: String
    /// Client-side parameters by lower-cased name (`socket`, `mode`, `pkipath`...).
    let clientParameters: [String: String]

    /// Parameters libvirt 9.0's client consumes itself (src/remote/remote_driver.c, doRemoteOpen).
    static let stringParameters: Set<String> = [
        "name", "command", "socket", "auth", "sshauth", "netcat", "keyfile", "pkipath", "known_hosts",
        "known_hosts_verify", "tls_priority", "mode", "proxy",
    ]
    /// Boolean parameters: the value must be an integer.
    static let booleanParameters: Set<String> = ["no_sanity", "no_verify", "no_tty"]
    /// Read by libvirt's auth file handling, also never sent.
    static let otherClientParameters: Set<String> = ["authfile"]

    init(_ uri: ConnectURI) throws(VirtError) {
        transport = try RemoteTransport(uri: uri)
        driver = uri.driver
        user = uri.user
        host = uri.host
        port = uri.port
        if transport == .unix, let host {
            throw VirtError(.invalidArg, .remote, "using unix socket and remote server '\(host)' is not supported.")
        }
        var client: [String: String] = [:]
        var passedOn: [Substring] = []
        for item in Self.rawItems(uri.query) {
            let name = Self.decodedName(item).lowercased()
            if Self.stringParameters.contains(name) || Self.otherClientParameters.contains(name) {
                client[name] = Self.decodedValue(item)
            } else if Self.booleanParameters.contains(name) {
                let value = Self.decodedValue(item)
                guard Int32(value) != nil else {
                    throw VirtError(.invalidArg, .remote, "Failed to parse value of URI component \(Self.decodedName(item))")
                }
                client[name] = value
            } else {
                passedOn.append(item)
            }
        }
        clientParameters = client
        if let name = client["name"] {
            openName = name
        } else if driver == "remote" {
            openName = ""
        } else {
            var name = "\(driver)://\(uri.path)"
            if !passedOn.isEmpty { name += "?" + passedOn.joined(separator: "&") }
            if let fragment = uri.fragment { name += "#" + fragment }
            openName = name
        }
    }

    /// A boolean parameter's value (libvirt: any integer, non-zero meaning yes).
    func flag(_ name: String) -> Bool {
        clientParameters[name].flatMap { Int32($0) }.map { $0 != 0 } ?? false
    }

    /// Query items as written (`&` or `;` separated), so passed-on parameters keep their encoding.
    private static func rawItems(_ query: String?) -> [Substring] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(whereSeparator: { $0 == "&" || $0 == ";" })
    }

    // ConnectURI owns percent-decoding; a one-parameter URI borrows it.
    private static func decodedName(_ item: Substring) -> String {
        let name = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return (try? ConnectURI(parsing: "x:?\(name)").parameters.first?.name) ?? String(name)
    }

    private static func decodedValue(_ item: Substring) -> String {
        (try? ConnectURI(parsing: "x:?\(item)").parameters.first?.value) ?? ""
    }
}
