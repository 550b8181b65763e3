import VirtModel

/// The ssh command line that carries a `DRIVER+ssh://[USER@]HOST[:PORT]/PATH` connection, as libvirt 9.0's
/// client builds it (virNetSocketNewConnectSSH): the system's ssh client (or `command=`), `-p`, `-l`, `-i
/// keyfile`, `-T -e none`, `-o BatchMode=yes` for `no_tty=1`, `-o StrictHostKeyChecking=no` for
/// `no_verify=1`, then on the far host a helper that joins ssh's standard input and output to the daemon's
/// socket:
/// - `proxy=auto` (the default): SwiftVirt's `swiftvirt-ssh-helper`, else libvirt's `virt-ssh-helper`
///   (both take the driver URI and find the socket as a local client would), else netcat;
/// - `proxy=native`: a helper only; `proxy=netcat`: netcat (`netcat=` names it) on `socket=` or the
///   system daemon's socket for the driver (libvirtd's, as libvirt's client assumes over ssh).
/// A `socket=` parameter means netcat to that socket in any mode: no helper can be told a socket.
struct SSHCommand: Sendable, Hashable {
    var arguments: [String]

    init(_ remote: RemoteURI, readOnly: Bool) throws(VirtError) {
        guard let host = remote.host, !host.isEmpty else {
            throw VirtError(.invalidArg, .remote, "the ssh transport needs a host name in the URI")
        }
        let parameters = remote.clientParameters
        var arguments = [parameters["command"] ?? "ssh"]
        if let port = remote.port { arguments += ["-p", String(port)] }
        if let user = remote.user { arguments += ["-l", user] }
        if let keyfile = parameters["keyfile"] { arguments += ["-i", keyfile] }
        arguments += ["-T", "-e", "none"]
        if remote.flag("no_tty") { arguments += ["-o", "BatchMode=yes"] }
        if remote.flag("no_verify") { arguments += ["-o", "StrictHostKeyChecking=no"] }
        arguments += ["--", host, try Self.farCommand(remote, readOnly: readOnly)]
        self.arguments = arguments
    }

    /// What runs on the far host (one string: ssh hands it to the remote user's shell).
    static func farCommand(_ remote: RemoteURI, readOnly: Bool) throws(VirtError) -> String {
        let parameters = remote.clientParameters
        let uri = shellQuoted(remote.openName.isEmpty ? "\(remote.driver):///system" : remote.openName)
        let flag = readOnly ? " -r" : ""
        let socket = parameters["socket"] ?? RemoteSocketPath.systemSocket(readOnly: readOnly)
        let netcat = parameters["netcat"] ?? "nc"
        let nc = """
            if \(shellQuoted(netcat)) -q 2>&1 | grep "requires an argument" >/dev/null 2>&1; then ARG=-q0;else ARG=;fi;\
            \(shellQuoted(netcat)) $ARG -U \(shellQuoted(socket))
            """
        let helpers = """
            if which swiftvirt-ssh-helper >/dev/null 2>&1; then swiftvirt-ssh-helper\(flag) \(uri); \
            elif which virt-ssh-helper >/dev/null 2>&1; then virt-ssh-helper\(flag) \(uri);
            """
        if parameters["socket"] != nil { return "sh -c \(shellQuoted(nc))" }
        switch parameters["proxy"]?.lowercased() ?? "auto" {
        case "auto":
            return "sh -c \(shellQuoted(helpers + " else \(nc); fi"))"
        case "native":
            return "sh -c \(shellQuoted(helpers + " else echo 'no virt-ssh-helper on this host' >&2; exit 1; fi"))"
        case "netcat":
            return "sh -c \(shellQuoted(nc))"
        case let other:
            throw VirtError(.invalidArg, .remote, "Unable to parse remote proxy '\(other)'")
        }
    }

    /// `text` in single quotes for a POSIX shell.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "'\\''") + "'"
    }
}
