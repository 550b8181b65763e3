import Dispatch
import Foundation
import Synchronization
import Testing
import VirtModel
@testable import VirtXML

/// Domain XML is parsed with pooled libxml2 contexts (``ParserContextPool``); results must not depend on
/// which context, thread or earlier document a parse got.
@Suite struct ParserContextPoolTests {
    /// The output of `input`, or its error.
    private static func outcome(of input: String) -> String {
        do {
            return try DomainDefinition(xml: input, defaults: .libvirtTestDriver).xml([.inactive])
        } catch {
            return "error \(error.code.rawValue) \(error.message)"
        }
    }

    @Test func parsesOnManyThreadsMatchParsesOnOne() throws {
        let domains = try Fixtures.domainCases().map { try Fixtures.read("domains", $0 + ".xml") }
        let errors = try Fixtures.errorCases().map { try Fixtures.read("errors", $0 + ".xml") }
        // Documents without a UUID or MAC get random ones; compare those that come out the same every time.
        let expected = (domains + errors).map { (input: $0, outcome: Self.outcome(of: $0)) }
            .filter { Self.outcome(of: $0.input) == $0.outcome }
        #expect(expected.count > (domains.count + errors.count) / 2)
        let mismatches = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            for (input, outcome) in expected.shuffled() where Self.outcome(of: input) != outcome {
                mismatches.withLock { $0.append(input) }
            }
        }
        #expect(mismatches.withLock { $0 }.isEmpty)
    }

    @Test func documentsFullOfNewNamesKeepThemAll() throws {
        // Enough distinct element names to fill several contexts' dictionaries past their limit.
        let count = ParserContextPool.dictionaryLimit * 2
        for batch in stride(from: 0, to: count, by: 500) {
            let kept = (batch..<batch + 500).map { "<kept\($0)/>" }.joined()
            let xml = "<domain type='test'><name>d\(batch)</name><memory>1024</memory><os><type>hvm</type></os>"
                + "<devices>\(kept)</devices></domain>"
            let output = try DomainDefinition(xml: xml, defaults: .libvirtTestDriver).xml()
            #expect(output.contains("<kept\(batch)/>") && output.contains("<kept\(batch + 499)/>"))
        }
    }

    @Test func aDocumentKeptPastItsParseStaysIntactAndUnshared() throws {
        let pool = ParserContextPool()
        let kept = try pool.withDocument(
            parsing: "<domain><name>first</name></domain>", documentName: "(test)", rootElement: "domain",
            errorDomain: .domain, whitespace: .dropIgnorable
        ) { $0 }
        for index in 0..<100 {
            let name = try pool.withDocument(
                parsing: "<domain><other\(index)/><name>n\(index)</name></domain>", documentName: "(test)",
                rootElement: "domain", errorDomain: .domain, whitespace: .dropIgnorable
            ) { document in document.root.child("name")?.text }
            #expect(name == "n\(index)")
        }
        #expect(kept.root.child("name")?.text == "first")
    }
}
