import Testing
@testable import VirtQEMU
import VirtDriver

@Suite struct QEMUPathsTests {
    @Test("qemu:///system keeps SwiftVirt's own system directories")
    func system() {
        #expect(QEMUPaths.system == QEMUPaths(
            config: "/etc/swiftvirt/qemu", run: "/run/swiftvirt/qemu", log: "/var/log/swiftvirt/qemu",
            dump: "/var/lib/swiftvirt/qemu/dump"))
    }

    @Test("qemu:///session follows the XDG directories, with their fallbacks")
    func session() {
        let xdg = QEMUPaths.session(environment: [
            "HOME": "/home/u", "XDG_CONFIG_HOME": "/c", "XDG_STATE_HOME": "/s", "XDG_RUNTIME_DIR": "/run/user/1000",
        ])
        #expect(xdg == QEMUPaths(config: "/c/swiftvirt/qemu", run: "/run/user/1000/swiftvirt/qemu", log: "/s/swiftvirt/qemu/log",
                                   dump: "/s/swiftvirt/qemu/dump"))
        let bare = QEMUPaths.session(environment: ["HOME": "/home/u"])
        #expect(bare == QEMUPaths(
            config: "/home/u/.config/swiftvirt/qemu", run: "/home/u/.local/state/swiftvirt/qemu/run",
            log: "/home/u/.local/state/swiftvirt/qemu/log", dump: "/home/u/.local/state/swiftvirt/qemu/dump"))
    }

    @Test("URIs pick their directories; wrong ones are refused clearly")
    func uris() throws {
        let embed = try QEMUDriverFactory.paths(for: ConnectURI(parsing: "qemu:///embed?root=/tmp/x"))
        #expect(embed == QEMUPaths(config: "/tmp/x/etc/qemu", run: "/tmp/x/run/qemu", log: "/tmp/x/log/qemu", dump: "/tmp/x/dump/qemu"))
        #expect(throws: VirtError(.invalidArg, .qemu, "qemu:///embed needs a 'root' parameter with an absolute path")) {
            try QEMUDriverFactory.paths(for: ConnectURI(parsing: "qemu:///embed?root=relative"))
        }
        #expect(throws: VirtError(.invalidArg, .qemu, "unexpected QEMU URI path '/other', try qemu:///system")) {
            try QEMUDriverFactory.paths(for: ConnectURI(parsing: "qemu:///other"))
        }
    }

    @Test("monitor sockets are named by UUID; a state directory too deep for a unix socket is refused before QEMU starts")
    func longSocketPath() throws {
        let uuid = "c7a5fdbd-cdaf-9455-926a-d65c16db1809"
        let short = QEMUPaths.embedded(root: "/tmp/r")
        #expect(short.monitor(uuid: uuid) == "/tmp/r/run/qemu/\(uuid).monitor")
        try short.checkSocketPath(uuid: uuid)
        let deep = QEMUPaths.embedded(root: "/tmp/" + String(repeating: "r", count: 60))
        let error = #expect(throws: VirtError.self) { try deep.checkSocketPath(uuid: uuid) }
        #expect(error?.message.hasSuffix("use a shorter state directory") == true)
    }
}
