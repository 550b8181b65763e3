// qemu:/// latencies through the Swift API, one line per operation: "<operation> <median ms> <runs>", then
// "rss-kib <peak resident KiB of this process>". scripts/bench-qemu.sh runs it next to libvirt's own.
// Usage: QEMUBench URI DOMAIN-XML-FILE SAVE-FILE RUNS
import Foundation
import Virt

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func peakRSSKiB() -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}

/// Waits until the domain is shut off, or gone (a transient domain vanishes when it stops).
nonisolated func waitUntilOff(_ dom: Domain) async throws {
    while true {
        do {
            if try await dom.state().state == .shutoff { return }
        } catch where error.code == .noDomain {
            return
        }
        try await Task.sleep(for: .milliseconds(5))
    }
}

nonisolated func run() async throws {
    let arguments = CommandLine.arguments
    guard arguments.count == 5, let runs = Int(arguments[4]) else {
        print("usage: QEMUBench URI DOMAIN-XML-FILE SAVE-FILE RUNS")
        exit(2)
    }
    let xml = try String(contentsOfFile: arguments[2], encoding: .utf8)
    let savePath = arguments[3]
    let conn = try await Connection.open(arguments[1])
    let clock = ContinuousClock()
    var samples: [String: [Double]] = [:]
    func measure(_ name: String, _ body: () async throws -> Void) async throws {
        let elapsed = try await clock.measure { try await body() }
        samples[name, default: []].append(milliseconds(elapsed))
    }
    for _ in 0..<runs {
        var dom: Domain?
        try await measure("create") { dom = try await conn.createDomain(xml: xml) }
        guard let dom else { continue }
        // Let the guest boot so shutdown meets a guest that listens to the power button.
        try await Task.sleep(for: .seconds(6))
        for _ in 0..<10 {
            try await measure("suspend") { try await dom.suspend() }
            try await measure("resume") { try await dom.resume() }
        }
        try await measure("save") { try await dom.save(to: savePath) }
        var restored: Domain?
        try await measure("restore") { restored = try await conn.restoreDomain(from: savePath) }
        guard let restored else { continue }
        try await measure("shutdown") {
            try await restored.shutdown()
            try await waitUntilOff(restored)
        }
        let again = try await conn.createDomain(xml: xml)
        try await Task.sleep(for: .seconds(1))
        try await measure("destroy") { try await again.destroy() }
    }
    for name in ["create", "suspend", "resume", "save", "restore", "shutdown", "destroy"] {
        print("\(name) \(String(format: "%.1f", median(samples[name] ?? []))) \(samples[name]?.count ?? 0)")
    }
    print("rss-kib \(peakRSSKiB())")
    conn.close()
}

try await run()
