import Foundation

/// Runs a program to completion with the given input, collecting its output and status.
enum ProcessRun {
    struct Result {
        var status: Int32
        var output: Data
        var error: Data
    }

    struct TimedOut: Error, CustomStringConvertible {
        var program: String
        var arguments: [String]
        var description: String { "\(program) \(arguments) did not finish in time" }
    }

    /// A child that exits without reading its input must not kill the test process with SIGPIPE.
    private static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    static func run(
        _ program: URL, arguments: [String], input: Data, directory: URL, environment: [String: String],
        timeout: Duration
    ) async throws -> Result {
        _ = ignoreBrokenPipes
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()

        // Feed input and drain both outputs concurrently so no pipe fills up.
        async let output = Task.detached { stdout.fileHandleForReading.readDataToEndOfFile() }.value
        async let error = Task.detached { stderr.fileHandleForReading.readDataToEndOfFile() }.value
        Task.detached {
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        let watchdog = Task.detached {
            try await Task.sleep(for: timeout)
            process.terminate()
        }
        let collected = (await output, await error)
        process.waitUntilExit()
        watchdog.cancel()
        // The watchdog finished its sleep only if the program outlived the timeout.
        let timedOut = (try? await watchdog.value) != nil
        if timedOut && process.terminationReason == .uncaughtSignal {
            throw TimedOut(program: program.path, arguments: arguments)
        }
        return Result(status: process.terminationStatus, output: collected.0, error: collected.1)
    }
}
