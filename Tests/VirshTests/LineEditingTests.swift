import Foundation
import Testing
import VirtTestSupport

/// virsh's shell on a terminal: Tab completes commands, options and domain names, arrow keys recall history, and the
/// history outlives the session. (libedit is part of Debian's base system; .ci/run installs it anyway.)
@Suite struct LineEditingTests {
    static let up = "\u{1b}[A"

    @Test func completionAndHistoryOnATerminal() throws {
        let virsh = try #require(Binaries.swiftVirt, "virsh is built beside the tests")
        let cache = NSTemporaryDirectory() + "virsh-history-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let environment = ["XDG_CACHE_HOME": cache, "TERM": "xterm", "HOME": cache, "PATH": "/usr/bin:/bin"]
        // In an empty directory: where Tab finds no domain, virsh (like Debian's) completes file names.
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)

        let shell = try TerminalSession(virsh.path, ["-c", "test:///default"], environment: environment, directory: cache)
        #expect(shell.waitFor("virsh # "))
        shell.type("vers\t\r")
        #expect(shell.waitFor("Running hypervisor: TEST 0.0.2"), "Tab completed 'vers' to 'version' and it ran")
        shell.type(Self.up + "\r")
        #expect(shell.waitFor("Running hypervisor: TEST 0.0.2", count: 2), "the up arrow recalled 'version'")
        shell.type("dominfo --do\t test\r")
        #expect(shell.waitFor("Security label: libvirt-test (enforcing)"), "Tab completed '--do' to '--domain'")
        shell.type("domstate --reason te\t\r")
        #expect(shell.waitFor("running (unknown)"), "Tab completed 'te' to the domain 'test'")
        // As virsh's completers: start offers shut-off domains only, suspend running ones, resume paused ones.
        shell.type("start te\t\r")
        #expect(shell.waitFor("error: failed to get domain 'te'"), "start offered the running 'test'")
        shell.type("suspend te\t\r")
        #expect(shell.waitFor("Domain 'test' suspended"))
        shell.type("resume te\t\r")
        #expect(shell.waitFor("Domain 'test' resumed"), "the listing is taken again before each prompt")
        shell.type("quit\r")
        #expect(shell.exitStatus() == 0)

        let history = try String(contentsOfFile: cache + "/swiftvirt/virsh-history", encoding: .utf8)
        #expect(history.contains("dominfo\\040--domain"), "history is saved: \(history)")

        let again = try TerminalSession(virsh.path, ["-c", "test:///default"], environment: environment, directory: cache)
        #expect(again.waitFor("virsh # "))
        again.type(Self.up + "\r")
        #expect(again.exitStatus() == 0, "the first line recalled is the last session's 'quit': \(again.output)")
    }
}
