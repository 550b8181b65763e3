// A micro-benchmark of the XML layer alone: parse (define's XML work) and format (dumpxml's) of one
// document, in nanoseconds per operation of this thread's CPU time, so that other work on a shared
// machine moves the numbers less than wall-clock rates do. Each figure is the median of several rounds.
// Usage: XMLBench [iterations per round] [domain XML file] [parse|format|all]
import Foundation
import VirtXML

func threadCPUNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// The median over `rounds` rounds of `iterations` calls of `body`, in nanoseconds per call.
func measure(_ name: String, iterations: Int, rounds: Int = 7, _ body: () throws -> Void) rethrows {
    var perCall: [Double] = []
    for _ in 0..<rounds {
        let start = threadCPUNanoseconds()
        for _ in 0..<iterations { try body() }
        perCall.append(Double(threadCPUNanoseconds() - start) / Double(iterations))
    }
    perCall.sort()
    print("\(name) \(Int(perCall[rounds / 2].rounded())) ns")
}

let arguments = CommandLine.arguments
let iterations = arguments.count > 1 ? Int(arguments[1]) ?? 5_000 : 5_000
let path = arguments.count > 2 ? arguments[2] : "Benchmarks/fixtures/full-domain.xml"
let only = arguments.count > 3 ? arguments[3] : "all"
let text = try String(contentsOfFile: path, encoding: .utf8)
let definition = try {
    var parsed = try DomainDefinition(xml: text, defaults: .libvirtTestDriver)
    parsed.id = 1
    return parsed
}()

var sink = 0
if only != "format" {
    try measure("parse", iterations: iterations) {
        sink &+= try DomainDefinition(xml: text, defaults: .libvirtTestDriver).name.utf8.count
    }
}
if only != "parse" {
    measure("format-live", iterations: iterations) { sink &+= definition.xml().utf8.count }
    measure("format-inactive", iterations: iterations) { sink &+= definition.xml([.inactive]).utf8.count }
}
if sink == 42 { print("") }  // keeps the results observable
