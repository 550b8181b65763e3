import Foundation
import Testing

/// The two libvirt implementations a C test program can be built against.
enum LibvirtBuild: String, CustomStringConvertible {
    /// SwiftVirt: Sources/CLibvirt's headers and this package's libvirt.so, through its generated libvirt.pc.
    case swiftVirt
    /// Debian's libvirt 9.0 (libvirt-dev), the reference.
    case debian

    var description: String { rawValue }
}

/// Builds the C programs in Tests/CAPI with the system compiler, as a user of the C API would:
/// `cc -Wall -Wextra -Werror prog.c $(pkg-config --cflags --libs libvirt)`.
enum CProgram {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sources = packageRoot.appendingPathComponent("Tests/CAPI")

    /// Where SwiftPM put this test binary, and with it libvirt.so (`swift test` builds every product).
    static let buildDirectory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent()

    /// Compiles `source` (a file in Tests/CAPI) against `build` into a fresh directory.
    static func build(_ source: String, against build: LibvirtBuild) async throws -> BuiltProgram {
        let program = BuiltProgram(directory: try scratchDirectory(), name: "\(source)-\(build)")
        let flags = try await pkgConfigFlags(for: build)
        let arguments = ["-std=gnu11", "-O1", "-g", "-Wall", "-Wextra", "-Werror", "-pthread",
                         sources.appendingPathComponent(source).path, "-o", program.binary.path] + flags
        let result = try await CommandRunner.run("cc", arguments)
        guard result.succeeded else {
            throw BuildFailure(description: "cc \(source) against \(build) failed:\n\(result.transcript)")
        }
        return program
    }

    /// `pkg-config --cflags --libs libvirt` for SwiftVirt (the generated libvirt.pc) or Debian's libvirt.
    static func pkgConfigFlags(for build: LibvirtBuild) async throws -> [String] {
        var environment = ProcessInfo.processInfo.environment
        switch build {
        case .swiftVirt:
            try await prepareSwiftVirt()
            environment["PKG_CONFIG_PATH"] = buildDirectory.path
        case .debian:
            environment.removeValue(forKey: "PKG_CONFIG_PATH")
        }
        let result = try await CommandRunner.run("pkg-config", ["--cflags", "--libs", "libvirt"], environment: environment)
        guard result.succeeded else {
            let hint = build == .debian ? " (install libvirt-dev: scripts/setup.sh)" : ""
            throw BuildFailure(description: "pkg-config libvirt for \(build) failed\(hint):\n\(result.transcript)")
        }
        return result.standardOutput.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// The soname link and libvirt.pc beside libvirt.so (scripts/libvirt-pc.sh, as users run it).
    static func prepareSwiftVirt() async throws {
        try await preparation.outcome().get()
    }

    private static let preparation = Preparation()

    /// libvirt.pc is written once per process; callers that come while it is being written wait for that
    /// same run (the task is stored before the first await, so actor reentrancy cannot start a second).
    private actor Preparation {
        private var run: Task<Result<Void, BuildFailure>, Never>?

        func outcome() async -> Result<Void, BuildFailure> {
            if let run { return await run.value }
            let started = Task { await CProgram.prepare() }
            run = started
            return await started.value
        }
    }

    private static func prepare() async -> Result<Void, BuildFailure> {
        let library = buildDirectory.appendingPathComponent("libvirt.so")
        guard FileManager.default.fileExists(atPath: library.path) else {
            return .failure(BuildFailure(description: "\(library.path) is missing: build it with `swift build --product virt`"))
        }
        let script = packageRoot.appendingPathComponent("scripts/libvirt-pc.sh").path
        do {
            let result = try await CommandRunner.run(script, [buildDirectory.path])
            if !result.succeeded { return .failure(BuildFailure(description: "libvirt-pc.sh failed:\n\(result.transcript)")) }
            return .success(())
        } catch {
            return .failure(BuildFailure(description: "libvirt-pc.sh could not run: \(error)"))
        }
    }

    /// A new empty directory under the system's temporary directory.
    static func scratchDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("capi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Runs a built program in a clean environment (no LIBVIRT_* settings, a private HOME, plus `extra`),
    /// in that HOME, optionally under `wrapper` (valgrind).
    static func run(
        _ program: BuiltProgram, arguments: [String] = [], wrappedIn wrapper: [String] = [],
        environment extra: [String: String] = [:]
    ) async throws -> CommandResult {
        let home = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home.path,
            "LANG": "C",
        ].merging(extra) { _, new in new }
        let command = wrapper + [program.binary.path] + arguments
        return try await CommandRunner.run(command[0], Array(command.dropFirst()), environment: environment, directory: home)
    }

    struct BuildFailure: Error, CustomStringConvertible {
        var description: String
    }
}

/// A compiled test program; its directory goes away with it.
final class BuiltProgram {
    let binary: URL
    private let directory: URL

    init(directory: URL, name: String) {
        self.directory = directory
        binary = directory.appendingPathComponent(name)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Records an issue holding the unified diff (libvirt's output first) when two outputs differ.
func expectSameLines(
    _ actual: String, _ expected: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
) async {
    guard actual != expected else { return }
    var report = "\(what) differs from libvirt's"
    do {
        let directory = try CProgram.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let libvirt = directory.appendingPathComponent("libvirt")
        let swiftVirt = directory.appendingPathComponent("swiftvirt")
        try expected.write(to: libvirt, atomically: false, encoding: .utf8)
        try actual.write(to: swiftVirt, atomically: false, encoding: .utf8)
        let diff = try await CommandRunner.run("diff", ["-u", libvirt.path, swiftVirt.path])
        report += ":\n" + diff.standardOutput.split(separator: "\n").prefix(80).joined(separator: "\n")
    } catch {
        report += " (and diff could not run: \(error))"
    }
    Issue.record(Comment(rawValue: report), sourceLocation: sourceLocation)
}

/// The differential test: `source` built against SwiftVirt and against Debian's libvirt 9.0, both run with
/// `environment`, must both succeed and print the same lines on stdout and, when `standardError`, on stderr.
func expectSameAsLibvirt(
    _ source: String, environment: [String: String] = [:], standardError: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let ours = try await CProgram.run(try await CProgram.build(source, against: .swiftVirt), environment: environment)
    let reference = try await CProgram.run(try await CProgram.build(source, against: .debian), environment: environment)
    #expect(reference.succeeded, "libvirt's run failed: \(reference.transcript)", sourceLocation: sourceLocation)
    #expect(ours.succeeded, "SwiftVirt's run failed: \(ours.transcript)", sourceLocation: sourceLocation)
    await expectSameLines(ours.standardOutput, reference.standardOutput, "stdout", sourceLocation: sourceLocation)
    if standardError {
        await expectSameLines(ours.standardError, reference.standardError, "stderr", sourceLocation: sourceLocation)
    } else {
        #expect(ours.standardError.isEmpty, "\(ours.standardError)", sourceLocation: sourceLocation)
    }
}
