import Testing
@testable import VirshCommands

/// vsh's grammar, in process: how words are split and how they fill a command's options.
@Suite("command parsing")
struct ParserTests {
    private func words(_ text: String) throws -> [CommandToken] {
        var tokens = CommandStringTokens(text)
        var out: [CommandToken] = []
        while true {
            let token = try tokens.next()
            out.append(token)
            if token == .end { return out }
        }
    }

    @Test("quotes and escapes follow the shell's rules")
    func quoting() throws {
        #expect(try words(#"a 'b c' "d\"e" f\ g 'h'"i" '\n'"#)
            == [.word("a"), .word("b c"), .word("d\"e"), .word("f g"), .word("hi"), .word("\\n"), .end])
        #expect(try words("a;b\nc") == [.word("a"), .commandEnd, .word("b"), .commandEnd, .word("c"), .end])
        #expect(try words("a #x; y\nb") == [.word("a"), .commandEnd, .word("b"), .end])
        #expect(try words("a\\\nb c") == [.word("ab"), .word("c"), .end])
        #expect(try words("''") == [.word(""), .end])
        #expect(try words("'open") == [.word("open"), .end])
    }

    @Test("malformed words are errors with virsh's wording")
    func malformedWords() {
        #expect(throws: CommandSyntaxError("dangling \\")) { try words("a\\") }
        #expect(throws: CommandSyntaxError("missing \"")) { try words("\"a") }
    }

    private func parse(_ text: String) throws -> [ParsedCommand] {
        var tokens = CommandStringTokens(text)
        var notes: [String] = []
        return try CommandParser(table: .virsh).parse(&tokens, notes: &notes)
    }

    private func parseArguments(_ words: [String]) throws -> [ParsedCommand] {
        var tokens = ArgumentTokens(words)
        var notes: [String] = []
        return try CommandParser(table: .virsh).parse(&tokens, notes: &notes)
    }

    @Test("positional words fill options in declaration order, named ones take their own")
    func positionalAndNamed() throws {
        let commands = try parse("vcpupin test 1 0-3 --live; setmem --size=512 test")
        #expect(commands.map(\.name) == ["vcpupin", "setmem"])
        #expect(commands[0].rawValue("domain") == "test")
        #expect(commands[0].rawValue("vcpu") == "1")
        #expect(commands[0].rawValue("cpulist") == "0-3")
        #expect(commands[0].has("live"))
        #expect(commands[1].rawValue("size") == "512")
        #expect(commands[1].rawValue("domain") == "test")
    }

    @Test("an alias names its target; one with a value supplies it")
    func aliases() throws {
        #expect(try parse("setmem test --kilobytes 8")[0].rawValue("size") == "8")
        #expect(try parse("echo --hi")[0].values("string") == ["hello"])
        #expect(throws: CommandSyntaxError("invalid '=' after option --hi")) { try parse("echo --hi=x") }
    }

    @Test("after -- everything is data; argv options take every remaining word")
    func dataOnly() throws {
        #expect(try parse("echo a -- --shell b")[0].values("string") == ["a", "--shell", "b"])
        #expect(try parse("echo a --string b")[0].values("string") == ["a", "b"])
    }

    @Test("--help turns any command into help for it")
    func helpOption() throws {
        let command = try #require(try parse("dominfo --help").first)
        #expect(command.name == "help")
        #expect(command.rawValue("command") == "dominfo")
    }

    @Test("argument mode keeps words whole: ';' is data")
    func argumentMode() throws {
        #expect(throws: CommandSyntaxError("unexpected data ';'")) { try parseArguments(["list", ";", "uri"]) }
        #expect(try parseArguments(["echo", "a b", ";"])[0].values("string") == ["a b", ";"])
    }

    @Test("errors carry vsh's messages")
    func errors() {
        #expect(throws: CommandSyntaxError("unknown command: 'nope'")) { try parse("uri; nope") }
        #expect(throws: CommandSyntaxError("command 'list' doesn't support option --nope")) { try parse("list --nope") }
        #expect(throws: CommandSyntaxError("option --all already seen")) { try parse("list --all --all") }
        #expect(throws: CommandSyntaxError("unexpected data 'x'")) { try parse("uri x") }
        #expect(throws: CommandSyntaxError("expected syntax: --size <number>")) { try parse("setmem t --size") }
        #expect(throws: CommandSyntaxError("expected syntax: --xpath <string>")) { try parse("dumpxml t --xpath; uri") }
        #expect(throws: CommandSyntaxError("invalid '=' after option --all")) { try parse("list --all=1") }
        #expect(throws: CommandSyntaxError(messages: [
            "command 'setmem' requires <domain> option", "command 'setmem' requires --size option",
        ])) { try parse("setmem") }
    }

    @Test("help ignores unknown options and stray words, and only notes a repeated topic")
    func lenientHelp() throws {
        var tokens = CommandStringTokens("help --bogus list extra --command uri")
        var notes: [String] = []
        let commands = try CommandParser(table: .virsh).parse(&tokens, notes: &notes)
        #expect(commands.first?.rawValue("command") == "list")
        #expect(notes == ["option --command already seen"])
    }
}
