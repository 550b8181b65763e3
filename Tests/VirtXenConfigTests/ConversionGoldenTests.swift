import Testing
import VirtModel
import VirtXML
import VirtXenConfig

/// Domain XML -> xl.cfg (Fixtures/xml2cfg/<case>.xml -> <case>.cfg) and xl.cfg -> domain XML
/// (Fixtures/cfg2xml/<case>.cfg -> <case>.xml), each pinned by a golden file, and both round trips.
@Suite("xl.cfg conversion goldens")
struct ConversionGoldenTests {
    @Test("XML to xl.cfg", arguments: try Fixture.cases("xml2cfg", "xml"))
    func xmlToConfig(_ name: String) throws {
        let xml = try Fixture.text("xml2cfg", "\(name).xml")
        let config = try XenConfig.toNative(xml: xml)
        try Fixture.expectGolden(config, "xml2cfg", "\(name).cfg")
    }

    /// The XML inputs are written as libvirt writes them, so XML -> xl.cfg -> XML must give them back.
    @Test("XML -> xl.cfg -> XML gives the XML back", arguments: try Fixture.cases("xml2cfg", "xml"))
    func xmlRoundTrip(_ name: String) throws {
        let xml = try Fixture.text("xml2cfg", "\(name).xml")
        #expect(try DomainDefinition(xml: xml, defaults: .xen).xml([.inactive]) == xml, "the input is canonical")
        let back = try XenConfig.fromNative(config: XenConfig.toNative(xml: xml))
        #expect(back == xml, "\(Fixture.diff(xml, back))")
    }

    @Test("xl.cfg to XML", arguments: try Fixture.cases("cfg2xml", "cfg"))
    func configToXML(_ name: String) throws {
        let config = try Fixture.text("cfg2xml", "\(name).cfg")
        let xml = try XenConfig.fromNative(config: config)
        try Fixture.expectGolden(xml, "cfg2xml", "\(name).xml")
    }

    /// xl.cfg -> XML -> xl.cfg gives the file back when it is written the way the writer writes (the
    /// "legacy-" cases use older forms, which come back in today's); either way a second trip changes nothing.
    @Test("xl.cfg -> XML -> xl.cfg is stable", arguments: try Fixture.cases("cfg2xml", "cfg"))
    func configRoundTrip(_ name: String) throws {
        let config = try Fixture.text("cfg2xml", "\(name).cfg")
        let xml = try XenConfig.fromNative(config: config)
        let back = try XenConfig.toNative(xml: xml)
        if !name.hasPrefix("legacy-") {
            #expect(back == config, "\(Fixture.diff(config, back))")
        }
        let xmlAgain = try XenConfig.fromNative(config: back)
        let backAgain = try XenConfig.toNative(xml: xmlAgain)
        #expect(backAgain == back, "\(Fixture.diff(back, backAgain))")
        #expect(try XenConfig.fromNative(config: backAgain) == xmlAgain)
    }

    /// Secrets stay in the definition (`definition(fromNative:)`); the XML text leaves them out, as libvirt's
    /// domxml-from-native does.
    @Test("VNC passwords stay in the definition, not in the XML")
    func passwords() throws {
        let config = "name = \"p\"\nbuilder = \"hvm\"\nvnc = 1\nvncpasswd = \"s3cret\"\n"
        let definition = try XenConfig.definition(fromNative: config)
        #expect(definition.devices.graphics.first?.passwd == "s3cret")
        #expect(!(try XenConfig.fromNative(config: config)).contains("s3cret"))
        #expect(try XenConfig.config(for: definition)["vncpasswd"] == .string("s3cret"))
    }
}

/// Files that must fail: Fixtures/syntax/<case>.cfg (malformed xl.cfg, with the line) and
/// Fixtures/unsupported/<case>.{xml,cfg} (what the other side cannot express), each with <case>.err.
@Suite("xl.cfg conversion errors")
struct ConversionErrorTests {
    @Test("malformed xl.cfg is VIR_ERR_CONF_SYNTAX with the line", arguments: try Fixture.cases("syntax", "cfg"))
    func syntax(_ name: String) throws {
        let config = try Fixture.text("syntax", "\(name).cfg")
        let error = try #require(throws: VirtError.self) { try XenConfig.fromNative(config: config) }
        #expect(error.code == .confSyntax)
        try Fixture.expectGolden(Fixture.describe(error), "syntax", "\(name).err")
    }

    @Test("XML xl.cfg cannot express", arguments: try Fixture.cases("unsupported", "xml"))
    func unsupportedXML(_ name: String) throws {
        let xml = try Fixture.text("unsupported", "\(name).xml")
        let error = try #require(throws: VirtError.self) { try XenConfig.toNative(xml: xml) }
        try Fixture.expectGolden(Fixture.describe(error), "unsupported", "\(name).err")
    }

    @Test("xl.cfg the XML cannot express", arguments: try Fixture.cases("unsupported", "cfg"))
    func unsupportedConfig(_ name: String) throws {
        let config = try Fixture.text("unsupported", "\(name).cfg")
        let error = try #require(throws: VirtError.self) { try XenConfig.fromNative(config: config) }
        try Fixture.expectGolden(Fixture.describe(error), "unsupported", "\(name).err")
    }
}
