import Foundation
import Testing
import VirtDriver
import VirtXML
@testable import VirtXen
import VirtTestSupport

/// Domain XML to libxl's domain config, pinned by golden files: Fixtures/xml2json/<case>.xml gives
/// <case>.json (the libxl JSON the driver hands to libxl_domain_config_from_json) and <case>.out.xml (the
/// definition after Xen's defaults, as `virsh dumpxml --inactive` shows it). `VIRT_REGENERATE=1 swift test
/// --filter DomainConfigTests` rewrites the goldens and fails, so every change is reviewed as a diff.
@Suite struct DomainConfigTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/xml2json")

    static func names(in directory: URL) throws -> [String] {
        try FixtureCases.names(in: directory, suffix: ".xml", excluding: [".out.xml"])
    }

    static func config(for xml: String) throws(VirtError) -> (XenDomainConfig, DomainDefinition) {
        let def = try XenDefinitions.parse(xml, options: [])
        return (try XenDomainConfig(definition: def, hostCPUs: 2), def)
    }

    static func check(_ actual: String, against golden: URL) throws {
        if ProcessInfo.processInfo.environment["VIRT_REGENERATE"] == "1" {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("regenerated \(golden.lastPathComponent); review the diff and run again without VIRT_REGENERATE")
            return
        }
        #expect(actual == (try String(contentsOf: golden, encoding: .utf8)), "\(golden.lastPathComponent)")
    }

    @Test("configs match their golden files", arguments: try names(in: fixtures))
    func golden(name: String) throws {
        let xml = try String(contentsOf: Self.fixtures.appendingPathComponent("\(name).xml"), encoding: .utf8)
        let (config, def) = try Self.config(for: xml)
        try Self.check(config.json() + "\n", against: Self.fixtures.appendingPathComponent("\(name).json"))
        try Self.check(def.xml([.inactive]), against: Self.fixtures.appendingPathComponent("\(name).out.xml"))
    }

    @Test("what Xen cannot run is refused with a clear error", arguments: try names(in: fixtures.appendingPathComponent("invalid")))
    func invalid(name: String) throws {
        let directory = Self.fixtures.appendingPathComponent("invalid")
        let xml = try String(contentsOf: directory.appendingPathComponent("\(name).xml"), encoding: .utf8)
        let expected = try String(contentsOf: directory.appendingPathComponent("\(name).err"), encoding: .utf8)
        do {
            _ = try Self.config(for: xml)
            Issue.record("\(name) was accepted")
        } catch {
            #expect(error.message + "\n" == expected)
        }
    }

    @Test("memory is rounded up to whole MiB, as Xen sizes it")
    func memoryRounding() {
        #expect(XenDomainConfig.roundedToMiB(131_000) == 131_072)
        #expect(XenDomainConfig.roundedToMiB(131_072) == 131_072)
        #expect(XenDomainConfig.roundedToMiB(1) == 1024)
    }

    @Test("lifecycle actions take libxl's names")
    func actions() {
        #expect(XenDomainConfig.action(.renameRestart) == "rename_restart")
        #expect(XenDomainConfig.action(.coredumpDestroy) == "coredump_destroy")
        #expect(XenDomainConfig.action(.preserve) == "preserve")
    }
}
