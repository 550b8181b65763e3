import Foundation
import Testing
import VirtModel
@testable import VirtXML
import VirtTestSupport

/// Locates the golden files under Fixtures/ (a `.copy` resource) and reads them.
enum Fixtures {
    static let root: URL = {
        if let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) { return url }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }()

    static func names(in folder: String, excluding suffixes: [String] = []) throws -> [String] {
        try FixtureCases.names(in: root.appendingPathComponent(folder), suffix: ".xml", excluding: suffixes)
    }

    /// The domain cases: inputs with `.inactive.xml` and `.live.xml` goldens beside them.
    static func domainCases() throws -> [String] { try names(in: "domains", excluding: [".inactive.xml", ".live.xml"]) }

    /// The error cases: inputs with a `.error` golden beside them.
    static func errorCases() throws -> [String] { try names(in: "errors") }

    static func read(_ folder: String, _ file: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(folder).appendingPathComponent(file), encoding: .utf8)
    }
}

extension DomainDefinition {
    /// What libvirt's test driver does after parsing (`testDomainGenerateIfnames`): interfaces without a
    /// host device name get the first "testnetN" no interface uses. That belongs to the driver, so the
    /// tests do it here.
    mutating func nameInterfacesLikeTestDriver() {
        for index in devices.interfaces.indices where devices.interfaces[index].targetDev == nil {
            let used = Set(devices.interfaces.compactMap(\.targetDev))
            let free = (0...).first { !used.contains("testnet\($0)") } ?? 0
            devices.interfaces[index].targetDev = "testnet\(free)"
        }
    }
}

/// Runs `xmllint --relaxng` over files; a missing xmllint or schema fails the caller with a clear message.
enum SchemaCheck {
    static let schema = "/usr/share/libvirt/schemas/domain.rng"

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// Returns the files xmllint found invalid, with its report.
    static func invalidFiles(_ paths: [String]) throws -> [String: String] {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") else {
            throw Unavailable(description: "xmllint is not installed (Debian package libxml2-utils)")
        }
        guard FileManager.default.fileExists(atPath: schema) else {
            throw Unavailable(description: "\(schema) is missing (Debian package libvirt0)")
        }
        var failures: [String: String] = [:]
        for path in paths {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
            process.arguments = ["--noout", "--relaxng", schema, path]
            let pipe = Pipe()
            process.standardError = pipe
            process.standardOutput = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            if process.terminationStatus != 0 { failures[path] = output }
        }
        return failures
    }
}

/// Compares two documents line by line and reports the first difference readably.
func expectSameText(
    _ actual: String, _ expected: String, _ label: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual != expected else { return }
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let common = min(actualLines.count, expectedLines.count)
    let line = (0..<common).first { actualLines[$0] != expectedLines[$0] } ?? common
    let got = line < actualLines.count ? String(actualLines[line]) : "<end>"
    let want = line < expectedLines.count ? String(expectedLines[line]) : "<end>"
    Issue.record(
        "\(label): line \(line + 1) differs\n  got:  \(got)\n  want: \(want)\n--- full output ---\n\(actual)",
        sourceLocation: sourceLocation)
}
