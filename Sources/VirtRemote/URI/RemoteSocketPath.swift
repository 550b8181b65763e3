import VirtModel

/// The unix socket a `DRIVER:///PATH` or `DRIVER+unix:///PATH` URI reaches when it has no `socket=`
/// parameter, by libvirt 9.0's rules (src/remote/remote_sockets.c):
/// - the system daemons listen in /run/libvirt: the modular daemon's `virtDRIVERd-sock` or libvirtd's
///   `libvirt-sock`, each with `-ro` for read-only connections;
/// - `/session` URIs of a non-root user go to the per-user runtime directory (`$XDG_RUNTIME_DIR/libvirt`,
///   else `~/.cache/libvirt`), `virtDRIVERd-sock` or `libvirt-sock`, with no read-only variant;
/// - `mode=direct` takes the modular daemon's socket, `mode=legacy` libvirtd's, and `mode=auto` (the
///   default) the modular one if it exists, else libvirtd's if it exists, else the modular one.
struct RemoteSocketPath {
    var driver: String
    var path: String
    var readOnly: Bool
    var mode: String?
    var userID: UInt32
    var environment: [String: String]
    var fileExists: (String) -> Bool

    func resolve() throws(VirtError) -> String {
        let session = path == "/session" && userID != 0
        let direct = driver == "remote" || driver.isEmpty ? nil : socket(daemon: "virt\(driver)d", session: session)
        let legacy = socket(daemon: "libvirt", session: session)
        switch mode?.lowercased() ?? "auto" {
        case "legacy":
            return legacy
        case "direct":
            guard let direct else {
                throw VirtError(.invalidArg, .remote, "Cannot use direct socket mode if no URI is set")
            }
            return direct
        case "auto":
            if let direct, fileExists(direct) { return direct }
            if fileExists(legacy) { return legacy }
            return direct ?? legacy
        default:
            throw VirtError(.invalidArg, .remote, "Unknown remote mode '\(mode ?? "")'")
        }
    }

    /// libvirtd's system socket, which libvirt's client assumes on the far side of ssh with netcat.
    static func systemSocket(readOnly: Bool) -> String {
        "/run/libvirt/libvirt-\(readOnly ? "sock-ro" : "sock")"
    }

    private func socket(daemon: String, session: Bool) -> String {
        if session { return "\(userRuntimeDirectory)/\(daemon)-sock" }
        return "/run/libvirt/\(daemon)-\(readOnly ? "sock-ro" : "sock")"
    }

    /// libvirt's virGetUserRuntimeDirectory.
    private var userRuntimeDirectory: String {
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty { return runtime + "/libvirt" }
        if let cache = environment["XDG_CACHE_HOME"], !cache.isEmpty { return cache + "/libvirt" }
        return (environment["HOME"] ?? "") + "/.cache/libvirt"
    }
}
