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

    /// The guest kernel's first report of trouble (a trap, a panic), which explains a guest that stopped
    /// ticking; "" when there is none.
    func trouble(_ name: String) -> String {
        let marks = ["traps:", "invalid opcode", "Kernel panic"]
        let line = text(name).split(separator: "\n").first { line in marks.contains { line.contains($0) } }
        return line.map { "; guest: " + $0.trimmingCharacters(in: .whitespaces) } ?? ""
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

/// Runs a tool (xl, to cross-check what the hypervisor itself says) through the shell and returns its output.
/// popen rather than Foundation's Process, which can crash while spawning (swift-corelibs-foundation #5472).
func runTool(_ tool: String, _ arguments: [String]) -> String {
    let command = ([tool] + arguments).map { "'" + $0 + "'" }.joined(separator: " ") + " 2>&1"
    guard let pipe = popen(command, "r") else { return "" }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = fread(&buffer, 1, buffer.count, pipe)
        if count == 0 { break }
        output.append(contentsOf: buffer[..<count])
    }
    pclose(pipe)
    return String(decoding: output, as: UTF8.self)
}

struct LabError: Error, CustomStringConvertible {
    var description: String
}
