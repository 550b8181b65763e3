import Foundation
import Testing
import Virt
import VirtTestSupport

/// qemu:/// emits the domain events libvirt 9.0's QEMU driver emits: each scenario of
/// Fixtures/events/README.md (recorded from Debian's libvirt by scripts/qemu-event-goldens.sh) is replayed
/// step by step with SwiftVirt's virsh while SwiftVirt's `virsh event --all --loop` prints, and the two
/// outputs are compared in the README's normal form (which folds what varies between runs of libvirt
/// itself: reboot bursts, an optional "Suspended Paused" before "Crashed Panicked").
///
/// Not compared: the `migration-iteration` and `job-completed` events libvirt adds to a save (SwiftVirt does
/// not report a save's progress as events).
@Suite(.serialized, .tags(.qemuBoot), .guestSlot)
struct EventGoldenTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/events")

    /// A scenario's steps, as the README gives them.
    enum Step: Sendable {
        case virsh(String)          // a virsh command on swv-ev ("XML" and "FILE" stand for the paths)
        case ready(Int)             // the serial console shows READY that often
        case deleteSerial           // before a fresh QEMU start, so READY counts again
        case guestActs              // the guest printed SWIFTVIRT-GUEST-ACT, and an event followed
        case waitFor(String)        // an event line containing this text
        case quiet(Duration)        // nothing else is expected: give stragglers time
    }

    struct Scenario: Sendable, CustomTestStringConvertible {
        var name: String
        var onPoweroff = "destroy", onReboot = "restart", onCrash = "destroy", extra = ""
        var steps: [Step]
        var testDescription: String { name }
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "define-start-stop", steps: [
            .virsh("define XML"), .virsh("start"), .ready(1), .virsh("suspend"), .virsh("resume"), .virsh("shutdown"),
            .waitFor("Stopped"), .deleteSerial, .virsh("start"), .ready(1), .virsh("destroy"), .virsh("undefine"),
        ]),
        Scenario(name: "start-paused", steps: [
            .virsh("define XML"), .virsh("start --paused"), .virsh("resume"), .ready(1), .virsh("destroy"), .virsh("undefine"),
        ]),
        Scenario(name: "create-destroy", steps: [.virsh("create XML"), .ready(1), .virsh("destroy")]),
        Scenario(name: "save-restore", steps: [
            .virsh("define XML"), .virsh("start"), .ready(1), .virsh("save FILE"), .deleteSerial, .virsh("restore FILE"),
            .virsh("destroy"), .virsh("undefine"),
        ]),
        Scenario(name: "reboot", steps: [
            .virsh("define XML"), .virsh("start"), .ready(1), .virsh("reboot"), .ready(2), .virsh("destroy"), .virsh("undefine"),
        ]),
        Scenario(name: "guest-poweroff-destroy", extra: "swiftvirt.after=1:poweroff", steps: [
            .virsh("define XML"), .virsh("start"), .ready(1), .guestActs, .waitFor("Stopped"), .virsh("undefine"),
        ]),
        // The restart scenarios end with a destroy right after the guest is up again; acting at tick 3
        // rather than 1 (only the timing differs from the recording) keeps a busy host from letting the
        // rebooted guest act a second time first.
        Scenario(name: "guest-poweroff-restart", onPoweroff: "restart", extra: "swiftvirt.after=3:poweroff", steps: [
            .virsh("define XML"), .virsh("start"), .ready(1), .guestActs, .ready(2), .virsh("destroy"), .virsh("undefine"),
        ]),
        Scenario(name: "guest-reboot-restart", extra: "swiftvirt.after=3:reboot", steps: [
            .virsh("define XML"), .virsh("start"), .ready(1), .guestActs, .ready(2), .virsh("destroy"), .virsh("undefine"),
        ]),
        Scenario(name: "guest-reboot-destroy", onReboot: "destroy", extra: "swiftvirt.after=1:reboot", steps: [
            .virsh("define XML"), .virsh("start"), .ready(1), .guestActs, .waitFor("Stopped"), .virsh("undefine"),
        ]),
        Scenario(name: "guest-panic-destroy", extra: "swiftvirt.after=1:panic", steps: [
            .virsh("define XML"), .virsh("start"), .ready(1), .guestActs, .waitFor("Stopped"), .virsh("undefine"),
        ]),
        Scenario(name: "guest-panic-restart", onCrash: "restart", extra: "swiftvirt.after=3:panic", steps: [
            .virsh("define XML"), .virsh("start"), .ready(1), .guestActs, .ready(2), .virsh("destroy"), .virsh("undefine"),
        ]),
        Scenario(name: "guest-panic-preserve", onCrash: "preserve", extra: "swiftvirt.after=1:panic", steps: [
            .virsh("define XML"), .virsh("start"), .ready(1), .guestActs, .quiet(.seconds(3)), .virsh("destroy"),
            .virsh("undefine"),
        ]),
    ]

    @Test("the events libvirt 9.0 emits, for every recorded scenario", arguments: scenarios)
    func scenario(_ scenario: Scenario) async throws {
        try await GuestFixture.with { fixture in
            let run = Run(fixture: fixture, scenario: scenario)
            try run.writeXML()
            let watcher = try ProcessRunner.start(GuestFixture.virsh, ["-c", fixture.uri, "event --all --loop"])
            defer { kill(watcher.pid, SIGINT) }
            try await Task.sleep(for: .milliseconds(500))
            for step in scenario.steps { try await run.take(step, events: watcher) }
            try await run.barrier(watcher)
            kill(watcher.pid, SIGINT)
            let ours = await watcher.wait().output
            let golden = try String(contentsOf: Self.fixtures.appendingPathComponent("\(scenario.name).events"), encoding: .utf8)
            #expect(Self.normalForm(ours) == Self.normalForm(golden), "ours:\n\(ours)")
        }
    }

    @Test("on_poweroff=preserve is refused at define, with libvirt's message")
    func preserveRefused() async throws {
        let fixture = try await GuestFixture()
        defer { Task { await fixture.tearDown() } }
        let run = Run(fixture: fixture, scenario: Scenario(name: "guest-poweroff-preserve", onPoweroff: "preserve", steps: []))
        try run.writeXML()
        let result = try await fixture.virsh(["define", run.xmlPath])
        let golden = try String(contentsOf: Self.fixtures.appendingPathComponent("guest-poweroff-preserve.error"), encoding: .utf8)
        let expected = golden.split(separator: "\n").filter { $0.hasPrefix("error: ") }.map { $0.replacingOccurrences(of: "WORK", with: fixture.root) }
        #expect(result.status == 1)
        #expect(result.error.split(separator: "\n").map(String.init) == expected, "\(result.error)")
    }

    /// The README's normal form: swv-ev's event lines only; a burst of reboots counts once; a "Suspended
    /// Paused" directly before "Crashed Panicked" is dropped; a save's progress events are left out.
    static func normalForm(_ text: String) -> [String] {
        var lines: [String] = []
        for line in text.split(separator: "\n").map(String.init) where line.hasPrefix("event ") && line.contains(" for domain 'swv-ev'") {
            if line.hasPrefix("event 'migration-iteration'") || line.hasPrefix("event 'job-completed'") { continue }
            if line.hasPrefix("event 'reboot'"), lines.last?.hasPrefix("event 'reboot'") == true { continue }
            if line.hasSuffix(": Crashed Panicked"), lines.last?.hasSuffix(": Suspended Paused") == true { lines.removeLast() }
            lines.append(line)
        }
        return lines
    }

    /// One replay: the fixture's files and the steps' waits.
    struct Run {
        let fixture: GuestFixture
        let scenario: Scenario

        var xmlPath: String { "\(fixture.root)/swv-ev.xml" }
        var savePath: String { "\(fixture.root)/swv-ev.save" }

        func writeXML() throws {
            let xml = fixture.image.domainXML(name: "swv-ev", consolePath: fixture.consolePath("swv-ev"), memoryMiB: 128)
                .replacingOccurrences(of: "<vcpu current='1'>2</vcpu>", with: "<vcpu>1</vcpu>")
                .replacingOccurrences(of: "console=ttyS0 panic=-1 quiet", with: "console=ttyS0 quiet \(scenario.extra)")
                .replacingOccurrences(of: "<os>", with: """
                    <on_poweroff>\(scenario.onPoweroff)</on_poweroff><on_reboot>\(scenario.onReboot)</on_reboot>\
                    <on_crash>\(scenario.onCrash)</on_crash><os>
                    """)
                .replacingOccurrences(of: "</devices>", with: "<panic model='isa'/></devices>")
            try xml.write(toFile: xmlPath, atomically: true, encoding: .utf8)
        }

        func take(_ step: Step, events: ProcessRunner.Running) async throws {
            switch step {
            case .virsh(let command):
                let words = command.replacingOccurrences(of: "XML", with: xmlPath).replacingOccurrences(of: "FILE", with: savePath)
                    .split(separator: " ").map(String.init)
                let arguments = ["define", "create", "restore"].contains(words[0]) ? words : [words[0], "swv-ev"] + words.dropFirst()
                let result = try await fixture.virsh(arguments)
                #expect(result.status == 0, "virsh \(command): \(result.error)")
                try await barrier(events)
            case .ready(let count):
                try await fixture.waitForConsole("swv-ev", "SWIFTVIRT-GUEST-READY", count: count, timeout: .seconds(180))
            case .deleteSerial:
                try? FileManager.default.removeItem(atPath: fixture.consolePath("swv-ev"))
            case .guestActs:
                // The previous step ended with a barrier: any swv-ev event after it is the guest's doing.
                let before = Self.eventCount(events.outputSoFar)
                try await fixture.waitForConsole("swv-ev", "SWIFTVIRT-GUEST-ACT", timeout: .seconds(120))
                try await fixture.wait("swv-ev", timeout: .seconds(60)) { Self.eventCount(events.outputSoFar) > before }
            case .waitFor(let text):
                try await fixture.wait("an event with '\(text)'", timeout: .seconds(60)) { events.outputSoFar.contains(text) }
            case .quiet(let time):
                try await Task.sleep(for: time)
            }
        }

        static func eventCount(_ output: String) -> Int {
            output.components(separatedBy: " for domain 'swv-ev'").count - 1
        }

        /// As the recording did: define and undefine a second domain and wait for both its events, so every
        /// event the step made is printed (events come through one log, in order).
        func barrier(_ events: ProcessRunner.Running) async throws {
            let sync = "\(fixture.root)/swv-sync.xml"
            let marks = events.outputSoFar.components(separatedBy: "domain 'swv-sync': Undefined").count
            try "<domain type='qemu'><name>swv-sync</name><memory>65536</memory><os><type>hvm</type></os></domain>"
                .write(toFile: sync, atomically: true, encoding: .utf8)
            _ = try await fixture.virsh(["define", sync])
            _ = try await fixture.virsh(["undefine", "swv-sync"])
            try await fixture.wait("the barrier's events", timeout: .seconds(30)) {
                events.outputSoFar.components(separatedBy: "domain 'swv-sync': Undefined").count > marks
            }
        }
    }
}
