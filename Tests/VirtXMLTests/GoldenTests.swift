import Foundation
import Testing
import VirtModel
@testable import VirtXML

/// Output against libvirt 9.0's own (scripts/xml-goldens.py): `define` + `dumpxml --inactive`, and
/// `dumpxml` after `start`, byte for byte.
@Suite struct GoldenTests {
    static func cases() throws -> [String] { try Fixtures.domainCases() }

    private func parse(_ name: String) throws -> DomainDefinition {
        var definition = try DomainDefinition(
            xml: try Fixtures.read("domains", name + ".xml"), defaults: .libvirtTestDriver)
        definition.nameInterfacesLikeTestDriver()
        return definition
    }

    @Test(arguments: try cases())
    func inactiveMatchesLibvirt(_ name: String) throws {
        let definition = try parse(name)
        let expected = try Fixtures.read("domains", name + ".inactive.xml")
        expectSameText(definition.xml([.inactive]), expected, name)
    }

    @Test(arguments: try cases())
    func liveMatchesLibvirt(_ name: String) throws {
        var definition = try parse(name)
        // The test driver's first started domain gets id 2 (its default domain "test" holds 1).
        definition.id = 2
        let expected = try Fixtures.read("domains", name + ".live.xml")
        expectSameText(definition.xml(), expected, name)
    }

    @Test(arguments: try cases())
    func roundTripIsStable(_ name: String) throws {
        let definition = try parse(name)
        let first = definition.xml([.inactive, .secure])
        let reparsed = try DomainDefinition(xml: first, defaults: .libvirtTestDriver)
        #expect(reparsed == definition, "\(name): parse(format(d)) != d")
        expectSameText(reparsed.xml([.inactive, .secure]), first, name)
    }

    @Test(arguments: try cases())
    func liveRoundTripIsStable(_ name: String) throws {
        var definition = try parse(name)
        definition.id = 7
        let live = definition.xml([.secure])
        let reparsed = try DomainDefinition(xml: live, defaults: .libvirtTestDriver, options: [.live])
        #expect(reparsed.id == 7)
        expectSameText(reparsed.xml([.secure]), live, name)
    }

    @Test func everyOutputValidatesAgainstLibvirtSchema() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("virtxml-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for name in try Self.cases() {
            var definition = try parse(name)
            definition.id = 2
            for (suffix, text) in [("inactive", definition.xml([.inactive])), ("live", definition.xml())] {
                let path = directory.appendingPathComponent("\(name).\(suffix).xml").path
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                paths.append(path)
            }
        }
        let failures = try SchemaCheck.invalidFiles(paths)
        #expect(failures.isEmpty, "invalid against domain.rng: \(failures)")
    }
}
