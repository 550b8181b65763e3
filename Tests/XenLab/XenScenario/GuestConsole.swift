import Foundation

/// A lab guest's console as xenconsoled logs it (`$XENLAB_CONSOLES/guest-<name>.log`): the guest prints
/// `XENLAB-GUEST-READY ...` once up, then `XENLAB-TICK n` every second.
struct GuestConsole {
    let directory: String

    func text(_ name: String) -> String {
        (try? String(contentsOfFile: "\(directory)/guest-\(name).log", encoding: .utf8)) ?? ""
    }

    func readyCount(_ name: String) -> Int {
        text(name).components(separatedBy: "XENLAB-GUEST-READY").count - 1
    }

    /// The last tick printed, or -1.
    func lastTick(_ name: String) -> Int {
        guard let range = text(name).range(of: "XENLAB-TICK ", options: .backwards) else { return -1 }
        return Int(text(name)[range.upperBound...].prefix(while: \.isNumber)) ?? -1
    }
}

/// Waits (TCG on a loaded 2-core host: generous) until `condition` holds; false on timeout.
func waitUntil(timeout: Duration, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return try await condition()
}

/// Runs a tool (xl, to cross-check what the hypervisor itself says) and returns its output.
func runTool(_ tool: String, _ arguments: [String]) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    guard (try? process.run()) != nil else { return "" }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

struct LabError: Error, CustomStringConvertible {
    var description: String
}
