import Foundation

/// The cases a parameterized test takes from a fixture directory. A case list that came out empty would run
/// nothing and pass, so a missing directory, or a list with no case, is an error: thrown while Swift Testing
/// evaluates `@Test(arguments: try ...)`, it fails the test by name.
public enum FixtureCases {
    public struct NoCases: Error, CustomStringConvertible {
        public let description: String
    }

    /// The names of the files in `directory` that end with `suffix` (and with none of `excluding`), without
    /// the suffix, sorted.
    /// - Throws: ``NoCases`` when the directory cannot be read or holds no such file.
    public static func names(in directory: URL, suffix: String, excluding: [String] = []) throws -> [String] {
        try nonEmpty(listing(in: directory, suffix: suffix, excluding: excluding), "\(directory.path)/*\(suffix)")
    }

    /// As ``names(in:suffix:excluding:)``, for one part of a larger list: none is fine, a missing directory is not.
    public static func listing(in directory: URL, suffix: String, excluding: [String] = []) throws -> [String] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw NoCases(description: "fixture directory \(directory.path) cannot be read: \(error)")
        }
        return files.filter { $0.hasSuffix(suffix) && !excluding.contains(where: $0.hasSuffix) }
            .map { String($0.dropLast(suffix.count)) }.sorted()
    }

    /// `cases`, unless it is empty.
    /// - Throws: ``NoCases`` naming `what` when there is no case.
    public static func nonEmpty(_ cases: [String], _ what: String) throws -> [String] {
        guard !cases.isEmpty else { throw NoCases(description: "no test case in \(what)") }
        return cases
    }
}
