import Foundation
import Testing
import VirtModel
import VirtTestSupport
@testable import VirtXML

/// Domain XML as an attacker or a broken tool writes it: mutations of every fixture input (bit flips,
/// deletions, duplications, splices, hostile tokens such as entity bombs, external entities, huge and
/// negative numbers, deep nesting, encodings) through the parser with each driver's defaults, and what is
/// accepted formatted back and parsed again (checked for crashes and time, not for acceptance). A crash ends the run; the test also fails on an error that
/// is not a VirtError, an input that takes over a second, or more than 512 MiB of memory.
///
/// Short on every build (`SWIFTVIRT_FUZZ_XML`, default 1,500); scripts/fuzz-inputs.sh runs millions.
@Suite struct InputFuzzTests {
    static let inputs = FuzzRun.inputs(from: "SWIFTVIRT_FUZZ_XML", default: 1_500)
    static let seed = UInt64(ProcessInfo.processInfo.environment["SWIFTVIRT_FUZZ_SEED"] ?? "") ?? 0x5EED_0F_A11

    /// Tokens that make XML parsers and the values behind them misbehave.
    static let hostile: [[UInt8]] = [
        "<", ">", "&", "&amp;", "&#0;", "&#xFFFFFFFF;", "&#x10FFFF;", "&undefined;", "]]>", "<![CDATA[x]]>", "<!--", "-->",
        "<?xml version='1.0' encoding='UTF-16'?>", "<?xml version='1.1'?>", "\u{0}", "\u{FEFF}", "'", "\"",
        """
        <!DOCTYPE domain [<!ENTITY a 'aaaaaaaaaaaaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>\
        <!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>\
        <!ENTITY e '&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'><!ENTITY f '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'>]>
        """,
        "&f;", "<!DOCTYPE domain [<!ENTITY x SYSTEM 'file:///etc/shadow'>]>", "&x;",
        "<xi:include xmlns:xi='http://www.w3.org/2001/XInclude' href='/etc/passwd' parse='text'/>",
        "99999999999999999999", "-1", "-0", "4294967296", "18446744073709551615", "0x7fffffff", "1e308", "NaN",
        " unit='EiB'", " unit='bogus'", "<vcpu>16384</vcpu>", "<vcpu current='0'>1</vcpu>", "<devices>", "</devices>",
        "</domain>", "<domain type='kvm'>", "<name></name>", "<name>../../etc/x</name>", "<uuid>00000000-0000-0000-0000-000000000000</uuid>",
        String(repeating: "<a>", count: 200), String(repeating: "x", count: 5000),
    ].map { Array($0.utf8) } + [[0xC3], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF]]

    static let defaults: [DefinitionDefaults] = [.libvirtTestDriver, .qemu, .xen]

    @Test func hostileDocumentsNeverCrash() throws {
        let seeds = try (Fixtures.domainCases().map { try Fixtures.read("domains", $0 + ".xml") }
            + Fixtures.errorCases().map { try Fixtures.read("errors", $0 + ".xml") }).map { Array($0.utf8) }
        var rng = SeededGenerator(seed: Self.seed)
        var run = FuzzRun(name: "fuzz-xml")
        var reformatted = 0
        for _ in 0..<Self.inputs {
            var bytes = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
            // Mostly one mutation, so that many inputs still parse and reach the model's checks.
            for _ in 0..<(Int.random(in: 0..<4, using: &rng) == 0 ? 2 : 1) {
                Self.mutate(&bytes, other: seeds[Int.random(in: 0..<seeds.count, using: &rng)], rng: &rng)
            }
            let defaults = Self.defaults[Int.random(in: 0..<Self.defaults.count, using: &rng)]
            let live = Bool.random(using: &rng)
            run.attempt(bytes, {
                let text = String(decoding: bytes, as: UTF8.self)
                let def = try DomainDefinition(xml: text, defaults: defaults, options: live ? .live : [])
                // What was accepted is formatted and read again: that reading must not crash or hang (its
                // result is not asserted: a live-only part read as inactive may be refused, rightly).
                for format: DefinitionFormat in [[], [.inactive, .secure]] {
                    _ = try? DomainDefinition(xml: def.xml(format), defaults: defaults, options: format.isEmpty && live ? .live : [])
                    reformatted += 1
                }
                return true
            }, expected: { $0 is VirtError })
        }
        print(run.summary + ", \(reformatted) reformatted and read again")
        #expect(run.problems(expectedInputs: Self.inputs).isEmpty, "\(run.problems(expectedInputs: Self.inputs))")
    }

    /// One mutation of a document's bytes.
    static func mutate(_ bytes: inout [UInt8], other: [UInt8], rng: inout SeededGenerator) {
        guard !bytes.isEmpty else {
            bytes = other
            return
        }
        let at = Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<12, using: &rng) {
        case 0:
            bytes[at] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
        case 1:
            bytes[at] = UInt8.random(in: 0...255, using: &rng)
        case 2:
            bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &rng)))
        case 3:
            let slice = bytes[at..<min(bytes.count, at + Int.random(in: 1...256, using: &rng))]
            bytes.insert(contentsOf: slice, at: Int.random(in: 0...bytes.count, using: &rng))
        case 4, 5:
            bytes.insert(contentsOf: hostile[Int.random(in: 0..<hostile.count, using: &rng)], at: at)
        case 6, 9, 10, 11:
            // A value between quotes or tags replaced by a hostile one: the document often stays well formed.
            guard let open = bytes[at...].firstIndex(where: { $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: ">") }),
                  let close = bytes[(open + 1)...].firstIndex(where: { $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "<") })
            else { return }
            bytes.replaceSubrange((open + 1)..<close, with: hostile[Int.random(in: 0..<hostile.count, using: &rng)])
        case 7:
            bytes = Array(bytes[..<at]) + other[min(other.count, Int.random(in: 0...other.count, using: &rng))...]
        default:
            bytes.removeLast(Int.random(in: 1...bytes.count, using: &rng))
        }
    }
}
