import Foundation

/// What a finished process left behind.
struct CommandResult {
    var status: Int32
    var standardOutput: String
    var standardError: String

    var succeeded: Bool { status == 0 }

    /// Both streams, for failure messages.
    var transcript: String {
        "exit status \(status)\n--- stdout ---\n\(standardOutput)\n--- stderr ---\n\(standardError)"
    }
}

/// Runs external programs (the C compiler, pkg-config, the C test programs, valgrind) for the tests.
/// Output goes through files, not pipes, so a chatty program can never fill a pipe and stall.
enum CommandRunner {
    struct LaunchFailure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(
        _ executable: String, _ arguments: [String],
        environment: [String: String]? = nil, directory: URL? = nil
    ) throws -> CommandResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("capi-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil)
        else {
            throw LaunchFailure(description: "cannot create output files in \(scratch.path)")
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try resolve(executable))
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return CommandResult(
            status: process.terminationStatus,
            standardOutput: try String(contentsOf: outURL, encoding: .utf8),
            standardError: try String(contentsOf: errURL, encoding: .utf8)
        )
    }

    /// A program name looked up on PATH, or a path as given.
    static func resolve(_ executable: String) throws -> String {
        if executable.contains("/") { return executable }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(executable)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw LaunchFailure(description: "\(executable) is not installed (scripts/setup.sh installs it)")
    }
}
