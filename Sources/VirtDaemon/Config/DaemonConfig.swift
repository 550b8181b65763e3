/// What `virtd` is told to do: libvirtd.conf's settings that the daemon acts on, with libvirtd 9.0's defaults.
/// Keys libvirtd knows that virtd does not act on are accepted (a libvirtd.conf works unchanged) and listed in
/// ``ignoredKeys``; any other key is refused, naming its line, so a typo never passes silently.
public struct DaemonConfig: Sendable, Equatable {
    /// How a socket's clients authenticate (`auth_unix_rw`, `auth_tcp`, ...).
    public enum AuthMethod: String, Sendable, Equatable {
        case none
        case polkit
        case sasl
    }

    public var unixSocketDirectory: String
    public var unixSocketGroup: String?
    public var unixSocketReadOnlyPermissions: UInt32 = 0o777
    public var unixSocketReadWritePermissions: UInt32 = 0o700
    public var authUnixReadOnly: AuthMethod = .none
    public var authUnixReadWrite: AuthMethod = .none
    public var listenTCP = false
    public var listenTLS = true
    public var listenAddress: String?
    public var tcpPort = "16509"
    public var tlsPort = "16514"
    public var authTCP: AuthMethod = .sasl
    public var authTLS: AuthMethod = .none
    public var keyFile = "/etc/pki/libvirt/private/serverkey.pem"
    public var certFile = "/etc/pki/libvirt/servercert.pem"
    public var caFile = "/etc/pki/CA/cacert.pem"
    public var crlFile: String?
    public var tlsNoVerifyCertificate = false
    public var tlsAllowedDNList: [String]?
    public var maxClients = 5000
    public var maxClientRequests = 5
    public var keepaliveInterval = 5
    public var keepaliveCount = 5

    /// The defaults: sockets in /run/libvirt as root, as libvirtd's; `$XDG_RUNTIME_DIR/libvirt` otherwise.
    public init(unixSocketDirectory: String) {
        self.unixSocketDirectory = unixSocketDirectory
    }

    /// libvirtd.conf keys virtd accepts without acting on them (worker pools, logging, admin socket, ...).
    public static let ignoredKeys: Set<String> = [
        "access_drivers", "admin_keepalive_count", "admin_keepalive_interval", "admin_keepalive_required",
        "admin_max_client_requests", "admin_max_clients", "admin_max_queued_clients", "admin_max_workers",
        "admin_min_workers", "audit_level", "audit_logging", "host_uuid", "host_uuid_source",
        "keepalive_required", "log_filters", "log_level", "log_outputs", "max_anonymous_clients",
        "max_queued_clients", "max_workers", "min_workers", "ovs_timeout", "prio_workers",
        "sasl_allowed_username_list", "tcp_min_ssf", "tls_no_sanity_certificate", "tls_priority",
        "unix_sock_admin_perms", "mdns_adv", "mdns_name",
    ]

    /// A setting that is well formed but wrong: worded as libvirtd words it.
    public struct SettingError: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var key: String
        public var problem: String
        public var description: String { "\(path):\(line): \(problem)" }
    }

    /// Applies the settings of `file` over these values.
    public mutating func apply(_ file: ConfigFile) throws(SettingError) {
        for setting in file.settings {
            try apply(setting, path: file.path)
        }
    }

    private mutating func apply(_ setting: ConfigFile.Setting, path: String) throws(SettingError) {
        func fail(_ problem: String) -> SettingError {
            SettingError(path: path, line: setting.line, key: setting.key, problem: "\(problem) for '\(setting.key)' parameter")
        }
        func string() throws(SettingError) -> String {
            guard case .string(let text) = setting.value else { throw fail("expected a string") }
            return text
        }
        func unsigned(max: Int64 = Int64(Int32.max)) throws(SettingError) -> Int {
            guard case .integer(let number) = setting.value, number >= 0, number <= max else {
                throw fail("expected an unsigned integer")
            }
            return Int(number)
        }
        func bool() throws(SettingError) -> Bool {
            guard case .integer(let number) = setting.value, number == 0 || number == 1 else {
                throw fail("expected a boolean (0 or 1)")
            }
            return number == 1
        }
        func auth() throws(SettingError) -> AuthMethod {
            let text = try string()
            guard let method = AuthMethod(rawValue: text) else {
                throw fail("unknown authentication type '\(text)' (none, polkit or sasl)")
            }
            return method
        }
        func permissions() throws(SettingError) -> UInt32 {
            let text = try string()
            guard let mode = UInt32(text, radix: 8), mode <= 0o7777 else {
                throw fail("expected an octal permission mode such as \"0770\", not '\(text)'")
            }
            return mode
        }

        switch setting.key {
        case "unix_sock_dir": unixSocketDirectory = try string()
        case "unix_sock_group": unixSocketGroup = try string()
        case "unix_sock_ro_perms": unixSocketReadOnlyPermissions = try permissions()
        case "unix_sock_rw_perms": unixSocketReadWritePermissions = try permissions()
        case "auth_unix_ro": authUnixReadOnly = try auth()
        case "auth_unix_rw": authUnixReadWrite = try auth()
        case "listen_tcp": listenTCP = try bool()
        case "listen_tls": listenTLS = try bool()
        case "listen_addr": listenAddress = try string()
        case "tcp_port": tcpPort = try port(string(), fail)
        case "tls_port": tlsPort = try port(string(), fail)
        case "auth_tcp": authTCP = try auth()
        case "auth_tls": authTLS = try auth()
        case "key_file": keyFile = try string()
        case "cert_file": certFile = try string()
        case "ca_file": caFile = try string()
        case "crl_file": crlFile = try string()
        case "tls_no_verify_certificate": tlsNoVerifyCertificate = try bool()
        case "tls_allowed_dn_list":
            guard case .list(let names) = setting.value else { throw fail("expected a list of strings") }
            tlsAllowedDNList = names
        case "max_clients": maxClients = try unsigned()
        case "max_client_requests": maxClientRequests = max(1, try unsigned())
        case "keepalive_interval":
            guard case .integer(let number) = setting.value, number >= -1, number <= Int64(Int32.max) else {
                throw fail("expected an integer")
            }
            keepaliveInterval = Int(number)
        case "keepalive_count": keepaliveCount = try unsigned()
        case let key where Self.ignoredKeys.contains(key):
            break
        default:
            throw SettingError(path: path, line: setting.line, key: setting.key, problem: "unknown parameter '\(setting.key)'")
        }
    }

    private func port(_ text: String, _ fail: (String) -> SettingError) throws(SettingError) -> String {
        guard let number = Int(text), (1...65535).contains(number) else { throw fail("expected a port number") }
        return text
    }
}
