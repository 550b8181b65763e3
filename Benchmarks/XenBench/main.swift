// xen:/// latencies through the Swift API, in one process, run in the lab's dom0 by scripts/bench-xen.sh
// (Benchmarks/XenBench/dom0-bench.sh). Prints "XLBENCH swift <operation> <ms>" for every sample; the host
// script takes medians and sets them next to xl's and virsh's.
// Usage: XenBench GUEST-XML-FILE SAVE-FILE CONSOLE-LOG RUNS
import Foundation
import Virt

nonisolated func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

nonisolated func sample(_ operation: String, _ body: () async throws -> Void) async throws {
    let elapsed = try await ContinuousClock().measure { try await body() }
    FileHandle.standardOutput.write(Data("XLBENCH swift \(operation) \(String(format: "%.1f", milliseconds(elapsed)))\n".utf8))
}

nonisolated func waitFor(_ what: String, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(120)
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw CancellationError() }
        try await Task.sleep(for: .milliseconds(20))
    }
}

nonisolated func readyCount(_ console: String) -> Int {
    ((try? String(contentsOfFile: console, encoding: .utf8)) ?? "").components(separatedBy: "XENLAB-GUEST-READY").count - 1
}

nonisolated func run() async throws {
    let arguments = CommandLine.arguments
    guard arguments.count == 5, let runs = Int(arguments[4]) else {
        print("usage: XenBench GUEST-XML-FILE SAVE-FILE CONSOLE-LOG RUNS")
        exit(2)
    }
    let xml = try String(contentsOfFile: arguments[1], encoding: .utf8)
    let (image, console) = (arguments[2], arguments[3])
    let conn = try await Connection.open("xen:///system")
    for _ in 0..<runs {
        let readies = readyCount(console)
        var created: Domain?
        try await sample("create") { created = try await conn.createDomain(xml: xml) }
        guard let dom = created else { continue }
        try await waitFor("ready") { readyCount(console) > readies }
        try await sample("list") { _ = try await conn.domainIDs() }
        try await sample("info") { _ = try await dom.info() }
        for _ in 0..<3 {
            try await sample("pause") { try await dom.suspend() }
            try await sample("unpause") { try await dom.resume() }
        }
        try await sample("mem-set") { try await dom.setMemory(96 * 1024) }
        try await sample("vcpu-pin") { try await dom.pinVcpu(0, to: CPUMap(cpuCount: 2, usable: [1])) }
        try await sample("vcpu-list") { _ = try await dom.vcpus() }
        try await sample("save") { try await dom.save(to: image) }
        var restored: Domain?
        try await sample("restore") { restored = try await conn.restoreDomain(from: image) }
        try? FileManager.default.removeItem(atPath: image)
        guard let restored else { continue }
        try await sample("shutdown") {
            try await restored.shutdown()
            try await waitFor("gone") { (try? await conn.lookupDomain(name: restored.name)) == nil }
        }
        let again = try await conn.createDomain(xml: xml)
        try await sample("destroy") { try await again.destroy() }
    }
    conn.close()
}

try await run()
