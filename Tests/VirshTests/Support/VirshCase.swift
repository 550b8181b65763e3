import Foundation
import VirtTestSupport

/// One golden case: a virsh invocation read from `Fixtures/cases/<name>.in`, run the way
/// `scripts/virsh-goldens.py` runs it, with the result serialized as in `<name>.out`.
/// The format and the masks are documented in that script; this file mirrors it exactly.
struct VirshCase: Sendable, CustomStringConvertible {
    let name: String
    var arguments: [String] = []
    var standardInput = Data()
    var environment: [String: String] = [:]
    var masks: Set<String> = []

    var description: String { name }

    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let casesDirectory = fixtures.appendingPathComponent("cases")

    /// Every case name, sorted.
    /// - Throws: when the directory is missing or holds no case.
    static func all() throws -> [String] { try FixtureCases.names(in: casesDirectory, suffix: ".in") }

    init(named name: String) throws {
        self.name = name
        let text = try String(contentsOf: Self.casesDirectory.appendingPathComponent(name + ".in"), encoding: .utf8)
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            let (key, value) = Self.directive(line)
            switch key {
            case "arg": arguments.append(value)
            case "arg+": arguments[arguments.count - 1] += "\n" + value
            case "stdin": standardInput.append(Data((value + "\n").utf8))
            case "stdin-partial": standardInput.append(Data(value.utf8))
            case "env":
                let parts = value.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                environment[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
            case "mask": masks.insert(value)
            default: throw CaseError.unknownDirective(name, String(line))
            }
        }
    }

    private static func directive(_ line: Substring) -> (String, String) {
        if let separator = line.range(of: ": ") {
            return (String(line[..<separator.lowerBound]), String(line[separator.upperBound...]))
        }
        return (String(line.hasSuffix(":") ? line.dropLast() : line), "")
    }

    /// The golden file's contents, read as a run's output is (libvirt echoes bytes that are not UTF-8 in
    /// its parser errors; both sides compare with U+FFFD in their place).
    func expected() throws -> String {
        String(decoding: try Data(contentsOf: Self.casesDirectory.appendingPathComponent(name + ".out")), as: UTF8.self)
    }

    /// Runs `virsh` on the case in a fresh scratch directory and returns the serialized, masked result.
    /// `launcher`, when given, runs `virsh` through it (a program and its arguments before virsh's path).
    func run(_ virsh: URL, launcher: [String] = [], timeout: Duration = .seconds(30)) async throws -> String {
        let created = FileManager.default.temporaryDirectory.appendingPathComponent("virsh-case-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: created, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: created) }
        // The path as the program sees it from getcwd(), symbolic links resolved.
        let scratch = created.resolvingSymlinksInPath()
        try FileManager.default.createSymbolicLink(
            at: scratch.appendingPathComponent("xml"), withDestinationURL: Self.fixtures.appendingPathComponent("xml"))
        var environment = [
            "PATH": "/usr/bin:/bin",
            "HOME": scratch.path,
            "XDG_CACHE_HOME": scratch.appendingPathComponent("cache").path,
            "XDG_CONFIG_HOME": scratch.appendingPathComponent("config").path,
            "XDG_RUNTIME_DIR": scratch.appendingPathComponent("run").path,
            "LC_ALL": "C.UTF-8",
            "TERM": "dumb",
        ]
        environment.merge(self.environment) { $1 }
        let program = launcher.first.map(URL.init(fileURLWithPath:)) ?? virsh
        let programArguments = launcher.isEmpty ? arguments : launcher.dropFirst() + [virsh.path] + arguments
        let result = try await ProcessRun.run(
            program, arguments: programArguments, input: standardInput, directory: scratch,
            environment: environment, timeout: timeout)
        return "exit: \(result.status)\n--- stdout ---\n" + mask(result.output, scratch: scratch.path)
            + "--- stderr ---\n" + mask(result.error, scratch: scratch.path) + "--- end ---\n"
    }

    /// The masks of `scripts/virsh-goldens.py`: the scratch directory, CPU times and timings always, UUIDs,
    /// MACs and clock-made counters on request.
    func mask(_ data: Data, scratch: String) -> String {
        var text = String(decoding: data, as: UTF8.self).replacing(scratch, with: "<scratch>")
        text = text.replacing(/(CPU time:\s+)\d+\.\ds/) { "\($0.output.1)<cpu-time>s" }
        text = text.replacing(/\(Time: \d+\.\d+ ms\)/) { _ in "(Time: <ms> ms)" }
        if masks.contains("uuid") {
            text = text.replacing(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/) { _ in "<uuid>" }
        }
        if masks.contains("mac") {
            text = text.replacing(/[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}/) { _ in "<mac>" }
        }
        if masks.contains("counters") {
            text = text.replacing(/(?m)( +)\d{8,}$/) { "\($0.output.1)<counter>" }
        }
        return text
    }

    enum CaseError: Error, CustomStringConvertible {
        case unknownDirective(String, String)

        var description: String {
            switch self {
            case .unknownDirective(let name, let line): "\(name).in: unknown directive \(line)"
            }
        }
    }
}
