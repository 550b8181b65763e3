import Foundation
import Testing
@testable import VirtQEMU
import VirtDriver
import VirtXML
import VirtTestSupport

/// Domain XML to QEMU command line, pinned by golden files: Fixtures/xml2argv/<case>.xml -> <case>.args
/// (one argument per line). `VIRT_REGENERATE=1 swift test --filter CommandLineTests` rewrites the goldens
/// and fails, so every change is reviewed as a diff.
@Suite struct CommandLineTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/xml2argv")

    static func cases() throws -> [String] { try FixtureCases.names(in: fixtures, suffix: ".xml") }

    static func invalidCases() throws -> [String] {
        try FixtureCases.names(in: fixtures.appendingPathComponent("invalid"), suffix: ".xml")
    }

    static func arguments(for xml: String) throws(VirtError) -> [String] {
        let def = try DomainDefinition(xml: xml, defaults: .qemu)
        var commandLine = QEMUCommandLine(
            definition: def, accelerator: def.type == "kvm" ? .kvm : .tcg,
            files: .init(monitor: "/run/swiftvirt/qemu/\(def.name).monitor",
                         eventMonitor: "/run/swiftvirt/qemu/\(def.name).events", pidFile: "/run/swiftvirt/qemu/\(def.name).pid"))
        commandLine.vncDisplays = [0]
        return try commandLine.arguments()
    }

    @Test("command lines match their golden files", arguments: try cases())
    func golden(name: String) throws {
        let xml = try String(contentsOf: Self.fixtures.appendingPathComponent("\(name).xml"), encoding: .utf8)
        let actual = try Self.arguments(for: xml).joined(separator: "\n") + "\n"
        let golden = Self.fixtures.appendingPathComponent("\(name).args")
        if ProcessInfo.processInfo.environment["VIRT_REGENERATE"] == "1" {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("regenerated \(golden.lastPathComponent); review the diff and run again without VIRT_REGENERATE")
            return
        }
        #expect(actual == (try String(contentsOf: golden, encoding: .utf8)))
    }

    @Test("what QEMU cannot run is refused with a clear error", arguments: try invalidCases())
    func invalid(name: String) throws {
        let directory = Self.fixtures.appendingPathComponent("invalid")
        let xml = try String(contentsOf: directory.appendingPathComponent("\(name).xml"), encoding: .utf8)
        let expected = try String(contentsOf: directory.appendingPathComponent("\(name).err"), encoding: .utf8)
        do {
            _ = try Self.arguments(for: xml)
            Issue.record("\(name) was accepted")
        } catch {
            #expect(error.message + "\n" == expected)
        }
    }

    @Test("commas in values are doubled, as QEMU's option syntax needs")
    func escaping() {
        #expect(QEMUCommandLine.escape("a,b,,c") == "a,,b,,,,c")
    }
}
