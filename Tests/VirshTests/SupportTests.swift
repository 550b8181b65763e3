import Testing
import Virt
@testable import VirshCommands

/// virsh's helpers with libvirt's semantics, in process.
@Suite("virsh helpers")
struct SupportTests {
    @Test("scaled sizes use libvirt's units and limits")
    func scaled() throws {
        func scale(_ value: UInt64, _ suffix: String) -> UInt64? {
            try? ScaledInteger.scale(value, suffix: suffix, defaultScale: 1024, limit: UInt64.max).get()
        }
        #expect(scale(2, "") == 2048)
        #expect(scale(2, "b") == 2)
        #expect(scale(2, "KB") == 2000)
        #expect(scale(2, "k") == 2048)
        #expect(scale(1, "GiB") == 1 << 30)
        #expect(scale(1, "e") == 1 << 60)
        #expect(scale(16, "E") == nil)
        let unknown = ScaledInteger.scale(1, suffix: "x", defaultScale: 1, limit: .max)
        #expect(throws: VirtError(.invalidArg, .none, "unknown suffix 'x'")) { try unknown.get() }
    }

    @Test("tables pad columns and escape control characters")
    func tables() {
        var table = TextTable(header: ["Id", "Name"])
        table.append(["1", "a\tb"])
        table.append(["-", "long-name"])
        #expect(table.render() == " Id   Name\n-----------------\n 1    a\\x09b\n -    long-name\n")
        #expect(table.render(header: false) == " 1   a\\x09b\n -   long-name\n")
    }

    @Test("argument escapes for echo")
    func escapes() {
        #expect(VirshText.commaList("a,,b,c,") == ["a,b", "c", ""])
        #expect(VirshText.shellEscaped("it's") == "'it'\\''s'")
        #expect(VirshText.shellEscaped("plain") == "plain")
    }

    @Test("help puts [--name] before positional repeatable options once one option is positional")
    func manualLayout() {
        let command = CommandDefinition(
            name: "demo", summary: "a demo", description: "",
            options: [.bool("flag", "a flag"), .data("first", "the first"), .argv("rest", "the rest")],
            needsConnection: false
        ) { _ throws(CommandFailure) in }
        #expect(HelpText.manual(command) == """
              NAME
                demo - a demo

              SYNOPSIS
                demo [--flag] <first> [[--rest] <string>]...

              OPTIONS
                --flag           a flag
                [--first] <string>  the first
                [--rest] <string>  the rest


            """)
    }
}
