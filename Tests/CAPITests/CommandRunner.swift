import Foundation
import VirtTestSupport

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
enum CommandRunner {
    struct LaunchFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `executable` to completion. The wait happens on a thread of its own (ProcessRun), never on one of
    /// Swift's cooperative threads: a valgrind run holding one for a minute would stall other tests.
    static func run(
        _ executable: String, _ arguments: [String],
        environment: [String: String]? = nil, directory: URL? = nil
    ) async throws -> CommandResult {
        let outcome = try await ProcessRun.run(
            try resolve(executable), arguments: arguments,
            directory: directory?.path ?? FileManager.default.currentDirectoryPath,
            environment: environment ?? ProcessInfo.processInfo.environment)
        return CommandResult(status: outcome.status, standardOutput: outcome.outputText, standardError: outcome.errorText)
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
