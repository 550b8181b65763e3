import Foundation

/// Results in the lab's format (scripts/xen-lab/dom0/xenlab.sh), one line each on stdout:
/// `XLRESULT <operation> rc=<0|1> ms=<milliseconds>` and `XLCHECK <name> ok|FAIL <detail>`.
/// test.sh appends them to the share's results.txt; any failure makes the process exit 1.
final class LabReport {
    private(set) var failures = 0
    let prefix: String

    init(prefix: String) {
        self.prefix = prefix
    }

    /// Times an operation; a thrown error fails it and is printed.
    @discardableResult
    func step<T>(_ name: String, _ body: () async throws -> T) async -> T? {
        let start = ContinuousClock.now
        do {
            let value = try await body()
            emit("XLRESULT \(prefix).\(name) rc=0 ms=\(Self.milliseconds(since: start))")
            return value
        } catch {
            failures += 1
            emit("XLRESULT \(prefix).\(name) rc=1 ms=\(Self.milliseconds(since: start))")
            emit("XLINFO \(prefix).\(name) error: \(error)")
            return nil
        }
    }

    func check(_ name: String, _ condition: Bool, _ detail: @autoclosure () -> String = "") {
        if !condition { failures += 1 }
        emit("XLCHECK \(prefix).\(name) \(condition ? "ok" : "FAIL") \(detail())")
    }

    func info(_ text: String) {
        emit("XLINFO \(prefix) \(text)")
    }

    /// Unbuffered, so the lines are there even if the process is killed.
    private func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}
