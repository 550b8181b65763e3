// The core benchmark: in-process operations per second on test:///default through the Swift API, plus
// XML parse and format throughput, printed as "<operation> <operations per second>" lines (the same lines
// Benchmarks/c/libvirt-core-bench.c prints for libvirt). scripts/bench-core.sh runs both and compares.
import Foundation
import Virt
import VirtXML

func report(_ name: String, _ count: Int, _ elapsed: Duration) {
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("\(name) \(Int((Double(count) / seconds).rounded()))")
}

func domainXML(_ name: String, _ index: Int) -> String {
    let uuid = "00000000-0000-4000-8000-" + String(format: "%012d", index)
    return "<domain type='test'><name>\(name)\(index)</name><uuid>\(uuid)</uuid>"
        + "<memory unit='MiB'>128</memory><vcpu>1</vcpu><os><type>hvm</type></os>"
        + "<devices><disk type='file' device='disk'><source file='/var/lib/x\(index).img'/>"
        + "<target dev='vda' bus='virtio'/></disk></devices></domain>"
}

/// Runs off the main actor: calls from main.swift's top level would hop executors on every await and
/// measure the hops instead of the work.
nonisolated func runBenchmarks() async throws {
    let arguments = CommandLine.arguments
    let n = arguments.count > 1 ? Int(arguments[1]) ?? 200_000 : 200_000
    let definedCount = arguments.count > 2 ? Int(arguments[2]) ?? 10_000 : 10_000
    let fullXMLPath = arguments.count > 3 ? arguments[3] : nil
    let clock = ContinuousClock()

    let conn = try await Connection.open("test:///default")
    let dom = try await conn.lookupDomain(name: "test")

    var elapsed = try await clock.measure { for _ in 0..<n { _ = try await conn.lookupDomain(name: "test") } }
    report("lookup-by-name", n, elapsed)
    elapsed = try await clock.measure { for _ in 0..<n { _ = try await conn.lookupDomain(uuid: dom.uuid) } }
    report("lookup-by-uuid", n, elapsed)
    elapsed = try await clock.measure { for _ in 0..<n { _ = try await dom.info() } }
    report("get-info", n, elapsed)

    let cycles = n / 10
    let small = domainXML("cycle", 1)
    elapsed = try await clock.measure {
        for _ in 0..<cycles { try await conn.defineDomain(xml: small).undefine() }
    }
    report("define+undefine", cycles, elapsed)

    if let fullXMLPath {
        let full = try String(contentsOfFile: fullXMLPath, encoding: .utf8)
        let defined = try await conn.defineDomain(xml: full)
        elapsed = try await clock.measure { for _ in 0..<cycles { _ = try await conn.defineDomain(xml: full) } }
        report("define-full-xml", cycles, elapsed)
        elapsed = try await clock.measure { for _ in 0..<cycles { _ = try await defined.xmlDescription() } }
        report("dumpxml-full-xml", cycles, elapsed)
        // The XML layer alone (no libvirt counterpart: libvirt does not expose parse or format by themselves).
        elapsed = try clock.measure {
            for _ in 0..<cycles { _ = try DomainDefinition(xml: full, defaults: .libvirtTestDriver) }
        }
        report("xml-parse-only", cycles, elapsed)
        let parsed = try DomainDefinition(xml: full, defaults: .libvirtTestDriver)
        elapsed = clock.measure { for _ in 0..<cycles { _ = parsed.xml() } }
        report("xml-format-only", cycles, elapsed)
        try await defined.undefine()
    }

    for index in 0..<definedCount { _ = try await conn.defineDomain(xml: domainXML("many", index)) }
    let lists = 20
    elapsed = try await clock.measure { for _ in 0..<lists { _ = try await conn.domains() } }
    report("list-all-10k", lists, elapsed)
    elapsed = try await clock.measure { for _ in 0..<lists { _ = try await conn.definedDomainNames() } }
    report("list-defined-10k", lists, elapsed)
    elapsed = try await clock.measure { for _ in 0..<n { _ = try await conn.lookupDomain(name: "many\(definedCount / 2)") } }
    report("lookup-by-name-10k", n, elapsed)
    conn.close()
}

try await runBenchmarks()
