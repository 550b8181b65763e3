import Foundation
import Testing
@testable import VirtDaemon

@Suite("libvirtd.conf syntax and settings")
struct ConfigTests {
    @Test("strings, integers, lists over several lines, comments")
    func parsesTheSyntax() throws {
        let text = """
            # a comment
            unix_sock_dir = "/tmp/x"   # trailing comment
            max_clients = 20
            tls_allowed_dn_list = ["C=GB,O=Acme",
                                   'CN=*']
            listen_tcp=1
            """
        let file = try ConfigFile(parsing: text, path: "t.conf")
        #expect(file.settings.map(\.key) == ["unix_sock_dir", "max_clients", "tls_allowed_dn_list", "listen_tcp"])
        #expect(file.settings[2].value == .list(["C=GB,O=Acme", "CN=*"]))
        #expect(file.settings[3].line == 6)
        var config = DaemonConfig(unixSocketDirectory: "/run/libvirt")
        try config.apply(file)
        #expect(config.unixSocketDirectory == "/tmp/x")
        #expect(config.maxClients == 20)
        #expect(config.listenTCP)
        #expect(config.tlsAllowedDNList == ["C=GB,O=Acme", "CN=*"])
    }

    @Test("syntax errors name the file and line as libvirtd does",
          arguments: [
            ("listen_tls = 0\nunix_sock_dir = \"/tmp/x\n", "configuration file syntax error: t.conf:2: unterminated string"),
            ("foo bar\n", "configuration file syntax error: t.conf:1: expecting an assignment"),
            ("a = \n", "configuration file syntax error: t.conf:1: expecting a value"),
            ("a = [\"x\"\n", "configuration file syntax error: t.conf:2: list is not closed with ]"),
            ("a = 1 2\n", "configuration file syntax error: t.conf:1: expecting a separator"),
          ])
    func refusesBadSyntax(text: String, message: String) {
        #expect(throws: ConfigFile.SyntaxError.self) { try ConfigFile(parsing: text, path: "t.conf") }
        do {
            _ = try ConfigFile(parsing: text, path: "t.conf")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("unknown keys and wrong values are refused naming the line and key",
          arguments: [
            ("max_clients = \"abc\"\n", "t.conf:1: expected an unsigned integer for 'max_clients' parameter"),
            ("max_clients = -5\n", "t.conf:1: expected an unsigned integer for 'max_clients' parameter"),
            ("\nunix_sock_dri = \"/x\"\n", "t.conf:2: unknown parameter 'unix_sock_dri'"),
            ("auth_unix_rw = \"kerberos\"\n", "t.conf:1: unknown authentication type 'kerberos' (none, polkit or sasl) for 'auth_unix_rw' parameter"),
            ("unix_sock_rw_perms = \"rwx\"\n", "t.conf:1: expected an octal permission mode such as \"0770\", not 'rwx' for 'unix_sock_rw_perms' parameter"),
          ])
    func refusesBadSettings(text: String, message: String) throws {
        var config = DaemonConfig(unixSocketDirectory: "/run/libvirt")
        let file = try ConfigFile(parsing: text, path: "t.conf")
        #expect(throws: DaemonConfig.SettingError.self) { try config.apply(file) }
        do {
            try config.apply(file)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("Debian's own libvirtd.conf is accepted unchanged")
    func acceptsDebiansFile() throws {
        let path = "/etc/libvirt/libvirtd.conf"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var config = DaemonConfig(unixSocketDirectory: "/run/libvirt")
        try config.apply(try ConfigFile(parsing: text, path: path))
        // The same file with every commented setting enabled: all keys are libvirtd's, so all are accepted.
        let enabled = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.range(of: #"^#[a-z_]+ ?="#, options: .regularExpression) != nil ? String(line.dropFirst()) : String(line)
        }.joined(separator: "\n")
        var all = DaemonConfig(unixSocketDirectory: "/run/libvirt")
        let file = try ConfigFile(parsing: enabled, path: path)
        #expect(file.settings.count > 40)
        try all.apply(file)
    }

    @Test("command line: libvirtd's options")
    func parsesOptions() throws {
        let options = try DaemonOptions(arguments: ["-f", "a.conf", "--listen", "--pid-file=/tmp/p", "-t", "30", "-d", "-v"])
        #expect(options.configFile == "a.conf")
        #expect(options.listen && options.daemonize && options.verbose)
        #expect(options.pidFile == "/tmp/p")
        #expect(options.timeout == 30)
        #expect(throws: DaemonOptions.UsageError.self) { try DaemonOptions(arguments: ["--bogus"]) }
        #expect(throws: DaemonOptions.UsageError.self) { try DaemonOptions(arguments: ["-t", "soon"]) }
        #expect(throws: DaemonOptions.UsageError.self) { try DaemonOptions(arguments: ["-f"]) }
    }
}
