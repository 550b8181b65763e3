import Testing
import VirtModel
import VirtXenConfig

/// The xl.cfg reader and writer on their own: what the grammar takes, how values come back, where errors point.
@Suite("xl.cfg syntax")
struct XLConfigSyntaxTests {
    @Test("statements, comments, separators and multi-line lists")
    func grammar() throws {
        let config = try XLConfig(parsing: """
            # a comment line
            name = 'guest' ; memory = 512   # trailing comment
            disk = [ "a",
                     # a comment inside a list, as xl allows
                     'b', ]
            empty = [ ]
            nested = [ [ "pnode=0", "size=512" ], [ "pnode=1" ] ]
            signed = -12
            hex = 0x1f
            octal = 010

            """)
        #expect(config.names == ["name", "memory", "disk", "empty", "nested", "signed", "hex", "octal"])
        #expect(config["name"] == .string("guest"))
        #expect(config["memory"] == .number(512))
        #expect(config["disk"] == .strings(["a", "b"]))
        #expect(config["empty"] == .list([]))
        #expect(config["nested"] == .list([.strings(["pnode=0", "size=512"]), .strings(["pnode=1"])]))
        #expect(config["signed"] == .number(-12))
        #expect(config["hex"] == .number(31))
        #expect(config["octal"] == .number(8))
    }

    @Test("a later assignment wins in place; += appends to lists and strings, as xl does")
    func assignments() throws {
        let config = try XLConfig(parsing: """
            vcpus = 1
            disk = [ "a" ]
            extra = "console=hvc0"
            vcpus = 4
            disk += [ "b", "c" ]
            extra += " quiet"
            fresh += [ "x" ]
            """)
        #expect(config.names == ["vcpus", "disk", "extra", "fresh"])
        #expect(config["vcpus"] == .number(4))
        #expect(config["disk"] == .strings(["a", "b", "c"]))
        #expect(config["extra"] == .string("console=hvc0 quiet"))
        #expect(config["fresh"] == .strings(["x"]))
    }

    @Test("strings: escapes as xl reads them, libvirt's triple quotes")
    func strings() throws {
        let config = try XLConfig(parsing: #"""
            a = "say \"hi\"\t\\ \n"
            b = 'it\'s'
            c = """two
            lines"""
            d = ""
            """#)
        #expect(config["a"] == .string("say \"hi\"\t\\ \n"))
        #expect(config["b"] == .string("it's"))
        #expect(config["c"] == .string("two\nlines"))
        #expect(config["d"] == .string(""))
    }

    @Test("writing: libvirt's layout and quotes, escapes where xl needs them")
    func writing() {
        var config = XLConfig()
        config["name"] = .string("plain")
        config["memory"] = .number(1024)
        config["quoted"] = .string("say \"hi\"")
        config["both"] = .string("it's \"x\"")
        config["control"] = .string("a\tb\\c\nd")
        config["empty"] = .list([])
        config["disk"] = .strings(["x", "y"])
        #expect(config.text == #"""
            name = "plain"
            memory = 1024
            quoted = 'say "hi"'
            both = "it's \"x\""
            control = "a\tb\\c\nd"
            empty = [  ]
            disk = [ "x", "y" ]

            """#)
    }

    @Test("reading what was written gives the same settings", arguments: [
        "a = \"x\"\n", "a = 'say \"hi\"'\n", "a = \"it's \\\"x\\\"\"\n", "a = \"\\\\\\t\\n\\a\\b\\f\\v\\r\"\n",
        "a = [ [ \"x\", 1 ], [  ] ]\n", "a = -9223372036854775808\n", "a = \"caf\u{e9} \u{1}\"\n",
    ])
    func roundTrip(_ text: String) throws {
        let config = try XLConfig(parsing: text)
        #expect(try XLConfig(parsing: config.text) == config)
        #expect(config.text == text)
    }

    @Test("setting a value replaces it in place, nil removes it")
    func editing() throws {
        var config = try XLConfig(parsing: "a = 1\nb = 2\n")
        config["a"] = .number(3)
        config["c"] = .string("new")
        config["b"] = nil
        #expect(config.text == "a = 3\nc = \"new\"\n")
        #expect(config == XLConfig([XLSetting(name: "a", value: .number(3)), XLSetting(name: "c", value: .string("new"))]))
    }

    @Test("errors name the source and the line", arguments: [
        ("a = 1\nb = \"open\n", "memory conf:2: unterminated string"),
        ("a = 1\n\n\nb = [ \"x\",\n  \"y\"\n", "memory conf:6: list is not closed with ]"),
        ("a = [ 1 2 ]\n", "memory conf:1: expecting a separator in list"),
        ("a = 1 b = 2\n", "memory conf:1: expecting a separator"),
        ("= 1\n", "memory conf:1: expecting a name"),
        ("a 1\n", "memory conf:1: expecting an assignment"),
        ("a =\n", "memory conf:1: expecting a value"),
        ("a = -\n", "memory conf:1: unterminated number"),
        ("a = c\n", "memory conf:1: expecting a value"),
        ("a = 99999999999999999999\n", "memory conf:1: number '99999999999999999999' is out of range"),
        ("a = \"\"\"never closed\n", "memory conf:2: unterminated string"),
    ])
    func errors(_ text: String, _ detail: String) {
        #expect(throws: VirtError(.confSyntax, .conf, detail)) { try XLConfig(parsing: text) }
    }

    @Test("the source name is the caller's")
    func sourceName() {
        #expect(throws: VirtError(.confSyntax, .conf, "/etc/xen/g.cfg:1: expecting a value")) {
            try XLConfig(parsing: "a =", sourceName: "/etc/xen/g.cfg")
        }
    }
}

/// Cut-off and damaged files must fail with a VirtError, never trap: every prefix of every corpus file, and
/// the disk specifications of the corpus with each character replaced. (The conversions throw only VirtError.)
@Suite("xl.cfg robustness")
struct XLConfigRobustnessTests {
    @Test("every prefix of a corpus file converts or fails cleanly", arguments: try Fixture.cases("cfg2xml", "cfg"))
    func prefixes(_ name: String) throws {
        let bytes = Array(try Fixture.text("cfg2xml", "\(name).cfg").utf8)
        var converted: [Bool] = []
        for end in 0...bytes.count {
            converted.append((try? XenConfig.fromNative(config: String(decoding: bytes[..<end], as: UTF8.self))) != nil)
        }
        #expect(converted.last == true, "the whole file converts")
        #expect(converted.first == false, "an empty file has no name")
    }

    @Test("damaged disk specifications parse or fail cleanly")
    func damagedDisks() {
        let specs = ["format=raw,vdev=xvda,access=rw,backendtype=phy,target=/dev/vg0/x", "tap:aio:/srv/x.img,xvdc:cdrom,w"]
        for spec in specs {
            var outcomes: Set<Bool> = []
            for index in spec.indices {
                for replacement in [",", ":", "=", " ", ""] {
                    var damaged = spec
                    damaged.replaceSubrange(index...index, with: replacement)
                    let config = "name = \"d\"\ndisk = [ \(XLValue.string(damaged).text) ]\n"
                    outcomes.insert((try? XenConfig.fromNative(config: config)) != nil)
                }
            }
            #expect(outcomes == [true, false], "some damage is harmless, some is refused: \(spec)")
        }
    }
}
