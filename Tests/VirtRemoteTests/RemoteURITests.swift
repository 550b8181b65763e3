import Testing
import VirtModel
@testable import VirtRemote

/// What CONNECT_OPEN carries and where the socket goes, for each kind of URI (libvirt 9.0's doRemoteOpen
/// and remote_sockets.c rules).
@Suite struct RemoteURITests {
    static let openNames: [(uri: String, transport: RemoteTransport, name: String)] = [
        ("test+unix:///default?socket=/tmp/x/libvirt-sock", .unix, "test:///default"),
        ("qemu+unix:///system", .unix, "qemu:///system"),
        ("qemu+tcp://host/system", .tcp, "qemu:///system"),
        ("qemu+tcp://host:16000/system?keep=1", .tcp, "qemu:///system?keep=1"),
        ("qemu://host/system", .tls, "qemu:///system"),
        ("qemu+tls://host/system?pkipath=/p&no_verify=1", .tls, "qemu:///system"),
        ("qemu+ssh://root@host:2222/system?no_tty=1&keyfile=/k&netcat=nc&known_hosts=/h&sshauth=agent", .ssh, "qemu:///system"),
        ("qemu+ssh://host/session?socket=/s&mode=legacy&proxy=netcat&command=c", .ssh, "qemu:///session"),
        ("xen+libssh2://host/system?known_hosts_verify=ignore&authfile=/a&tls_priority=NORMAL", .libssh2, "xen:///system"),
        ("test+tcp://h/default?SOCKET=/x&a=b;c=d", .tcp, "test:///default?a=b&c=d"),
        ("test+unix:///default?name=qemu:///system", .unix, "qemu:///system"),
        ("remote+unix:///?socket=/s", .unix, ""),
        ("remote://host/", .tls, ""),
        ("qemu+ext:///system?command=/bin/x", .ext, "qemu:///system"),
        ("test+unix:///default#frag", .unix, "test:///default#frag"),
        ("test+unix:///default?no_sanity=0", .unix, "test:///default"),
    ]

    @Test(arguments: openNames) func connectOpenCarriesTheURIWithoutTransportHostAndClientParameters(
        _ row: (uri: String, transport: RemoteTransport, name: String)
    ) throws {
        let remote = try RemoteURI(try ConnectURI(parsing: row.uri))
        #expect(remote.transport == row.transport)
        #expect(remote.openName == row.name)
    }

    @Test func clientParametersAreKeptForTheClient() throws {
        let remote = try RemoteURI(try ConnectURI(parsing: "qemu+tcp://admin@h:1/system?socket=/s&no_verify=1&Mode=direct"))
        #expect(remote.clientParameters["socket"] == "/s")
        #expect(remote.clientParameters["mode"] == "direct")
        #expect(remote.flag("no_verify"))
        #expect(!remote.flag("no_tty"))
        #expect(remote.user == "admin" && remote.host == "h" && remote.port == 1)
    }

    @Test func refusalsAreWordedAsLibvirtWordsThem() throws {
        let badTransport = #expect(throws: VirtError.self) { try RemoteURI(try ConnectURI(parsing: "qemu+foo://h/system")) }
        #expect(badTransport?.message == "invalid argument: transport in URL not recognised (should be tls|unix|ssh|ext|tcp|libssh2|libssh)")
        let unixHost = #expect(throws: VirtError.self) { try RemoteURI(try ConnectURI(parsing: "qemu+unix://h/system")) }
        #expect(unixHost?.message == "invalid argument: using unix socket and remote server 'h' is not supported.")
        let badBool = #expect(throws: VirtError.self) { try RemoteURI(try ConnectURI(parsing: "test+tcp://h/default?no_verify=yes")) }
        #expect(badBool?.message == "invalid argument: Failed to parse value of URI component no_verify")
    }

    @Test("the ssh command line, as libvirt 9.0's client builds it")
    func sshCommandLine() throws {
        let remote = try RemoteURI(try ConnectURI(parsing: "qemu+ssh://root@h:2222/system?keyfile=/k&no_tty=1&no_verify=1&command=/s"))
        let endpoint = try RemoteDriverFactory.endpoint(for: remote, path: "/system", readOnly: true)
        guard case .ssh(let host, let command) = endpoint else {
            Issue.record("\(endpoint)")
            return
        }
        #expect(host == "h")
        #expect(Array(command.arguments.prefix(16)) == [
            "/s", "-p", "2222", "-l", "root", "-i", "/k", "-T", "-e", "none", "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=no", "--", "h",
        ])
        let far = try #require(command.arguments.last)
        #expect(far.hasPrefix("sh -c 'if which swiftvirt-ssh-helper >/dev/null 2>&1; then swiftvirt-ssh-helper -r '\\''qemu:///system'\\'';"))
        #expect(far.contains("elif which virt-ssh-helper >/dev/null 2>&1; then virt-ssh-helper -r '\\''qemu:///system'\\'';"))
        #expect(far.contains("-U '\\''/run/libvirt/libvirt-sock-ro'\\''"))
        // A socket names a socket: netcat to it, whatever the proxy.
        let socket = try RemoteURI(try ConnectURI(parsing: "qemu+ssh://h/system?socket=/x&netcat=/bin/nc"))
        guard case .ssh(_, let nc) = try RemoteDriverFactory.endpoint(for: socket, path: "/system", readOnly: false) else { return }
        #expect(nc.arguments.last?.contains("helper") == false)
        #expect(nc.arguments.last?.contains("-U '\\''/x'\\''") == true)
        let bad = try RemoteURI(try ConnectURI(parsing: "qemu+ssh://h/system?proxy=carrier-pigeon"))
        let error = #expect(throws: VirtError.self) { try RemoteDriverFactory.endpoint(for: bad, path: "/system", readOnly: false) }
        #expect(error?.message == "invalid argument: Unable to parse remote proxy 'carrier-pigeon'")
    }

    @Test func libsshFailsAtOnceAndExtNeedsACommand() throws {
        for (text, code) in [("qemu+libssh2://h/system", ErrorCode.operationUnsupported), ("qemu+ext://h/system", .invalidArg)] {
            let remote = try RemoteURI(try ConnectURI(parsing: text))
            let error = #expect(throws: VirtError.self) {
                try RemoteDriverFactory.endpoint(for: remote, path: "/system", readOnly: false)
            }
            #expect(error?.code == code)
        }
        let ext = try RemoteURI(try ConnectURI(parsing: "qemu+ext:///system?command=/usr/local/bin/to-host"))
        #expect(try RemoteDriverFactory.endpoint(for: ext, path: "/system", readOnly: false) == .external(command: "/usr/local/bin/to-host"))
        #expect(ext.openName == "qemu:///system")
        let tcp = try RemoteURI(try ConnectURI(parsing: "test+tcp://h/default"))
        #expect(try RemoteDriverFactory.endpoint(for: tcp, path: "/default", readOnly: false) == .tcp(host: "h", port: 16509))
        for text in ["qemu://h/system", "qemu+tls://h/system"] {
            let tls = try RemoteURI(try ConnectURI(parsing: text + "?pkipath=/p&no_verify=1"))
            let endpoint = try RemoteDriverFactory.endpoint(for: tls, path: "/system", readOnly: false)
            guard case .tls(let host, let port, let files, let verify, let sanity) = endpoint else {
                Issue.record("\(text): \(endpoint)")
                continue
            }
            #expect(host == "h" && port == 16514 && files.caCertificate == "/p/cacert.pem" && !verify && sanity)
        }
    }

    func socket(_ driver: String, _ path: String, readOnly: Bool = false, mode: String? = nil, uid: UInt32 = 0,
                existing: Set<String> = [], env: [String: String] = ["HOME": "/home/u"]) throws -> String {
        try RemoteSocketPath(driver: driver, path: path, readOnly: readOnly, mode: mode, userID: uid,
                             environment: env, fileExists: { existing.contains($0) }).resolve()
    }

    @Test func defaultSocketsAreLibvirts() throws {
        #expect(try socket("qemu", "/system", existing: ["/run/libvirt/libvirt-sock"]) == "/run/libvirt/libvirt-sock")
        #expect(try socket("qemu", "/system", readOnly: true, existing: ["/run/libvirt/libvirt-sock-ro"])
                == "/run/libvirt/libvirt-sock-ro")
        #expect(try socket("qemu", "/system", existing: ["/run/libvirt/virtqemud-sock", "/run/libvirt/libvirt-sock"])
                == "/run/libvirt/virtqemud-sock")
        #expect(try socket("qemu", "/system") == "/run/libvirt/virtqemud-sock")
        #expect(try socket("qemu", "/system", mode: "legacy", existing: ["/run/libvirt/virtqemud-sock"])
                == "/run/libvirt/libvirt-sock")
        #expect(try socket("qemu", "/session", uid: 1000, existing: ["/home/u/.cache/libvirt/libvirt-sock"])
                == "/home/u/.cache/libvirt/libvirt-sock")
        #expect(try socket("qemu", "/session", uid: 1000, env: ["XDG_RUNTIME_DIR": "/run/user/1000"])
                == "/run/user/1000/libvirt/virtqemud-sock")
        #expect(try socket("remote", "/", existing: []) == "/run/libvirt/libvirt-sock")
        #expect(throws: VirtError.self) { try socket("qemu", "/system", mode: "sideways") }
    }
}
