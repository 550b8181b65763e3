import Foundation
import Testing
import VirtModel
import VirtTestSupport

/// The corpus under Fixtures/, found from this file's path so that regeneration writes to the source tree.
///
/// `VIRT_REGENERATE=1 swift test --filter VirtXenConfigTests` rewrites every golden file that differs and
/// fails the run: review the diff, then run again without it.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static var regenerating: Bool { ProcessInfo.processInfo.environment["VIRT_REGENERATE"] == "1" }

    /// The case names (file names without extension) in `directory` with extension `ext`, sorted.
    /// - Throws: when the directory is missing or holds no such file.
    static func cases(_ directory: String, _ ext: String) throws -> [String] {
        try FixtureCases.names(in: root.appendingPathComponent(directory), suffix: "." + ext)
    }

    /// As `cases`, for one part of a larger list: none is fine, a missing directory is not.
    static func someCases(_ directory: String, _ ext: String) throws -> [String] {
        try FixtureCases.listing(in: root.appendingPathComponent(directory), suffix: "." + ext)
    }

    static func url(_ directory: String, _ file: String) -> URL {
        root.appendingPathComponent(directory).appendingPathComponent(file)
    }

    static func text(_ directory: String, _ file: String) throws -> String {
        try String(contentsOf: url(directory, file), encoding: .utf8)
    }

    /// Compares `actual` with the golden file, or rewrites it when regenerating.
    static func expectGolden(
        _ actual: String, _ directory: String, _ file: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let golden = url(directory, file)
        let expected = try? String(contentsOf: golden, encoding: .utf8)
        if regenerating {
            if expected != actual {
                try actual.write(to: golden, atomically: true, encoding: .utf8)
                Issue.record("regenerated \(directory)/\(file); review the diff and run again without VIRT_REGENERATE",
                             sourceLocation: sourceLocation)
            }
            return
        }
        #expect(expected != nil, "missing golden file \(directory)/\(file)", sourceLocation: sourceLocation)
        if let expected, expected != actual {
            Issue.record("\(directory)/\(file) differs:\n\(Self.diff(expected, actual))", sourceLocation: sourceLocation)
        }
    }

    /// How an error is kept in a golden file: libvirt's numeric code and domain, then the message.
    static func describe(_ error: VirtError) -> String {
        "code=\(error.code.rawValue) domain=\(error.domain.rawValue)\n\(error.message)\n"
    }

    /// The lines only one side has, marked - (expected) and + (actual), in order.
    static func diff(_ expected: String, _ actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let removed = old.filter { !new.contains($0) }.map { "- " + $0 }
        let added = new.filter { !old.contains($0) }.map { "+ " + $0 }
        return (removed + added).joined(separator: "\n")
    }
}
