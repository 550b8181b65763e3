import Foundation
import Testing
import Virt
import VirtOS
import VirtTestSupport

/// kill -9 of a client at any moment of any mutating operation loses nothing and leaves nothing wrong.
///
/// For each operation: its duration is measured once (our virsh, a separate process, from spawn to exit);
/// then it is started again from the same state and killed at points spread over that duration, and after
/// each kill ``HostTruth`` checks that what the driver lists is what runs (at most one QEMU per UUID, the
/// recorded run state and vCPUs are QEMU's, nothing half-started is left), after which the next operation
/// on the domain must not wait on a lock. `SWIFTVIRT_KILL_POINTS` sets the points per operation (default 6).
@Suite(.serialized, .tags(.qemuBoot), .guestSlot)
struct FaultInjectionTests {
    static let points = ProcessInfo.processInfo.environment["SWIFTVIRT_KILL_POINTS"].flatMap { Int($0) } ?? 6

    /// Where an operation starts from.
    enum Baseline {
        case absent, defined, running, paused, saved
        /// Running with the guest's OS up (it must answer the ACPI power button).
        case booted
    }

    struct Operation: CustomTestStringConvertible, Sendable {
        let name: String
        let baseline: Baseline
        let arguments: [String]
        var testDescription: String { name }
    }

    static let name = "fi"
    static let uuid = "5eed0000-0000-4000-8000-00000000f1f1"

    static let operations: [Operation] = [
        .init(name: "define", baseline: .absent, arguments: ["define", "XML"]),
        .init(name: "undefine", baseline: .defined, arguments: ["undefine", name]),
        .init(name: "start", baseline: .defined, arguments: ["start", name]),
        .init(name: "create", baseline: .absent, arguments: ["create", "XML"]),
        .init(name: "destroy", baseline: .running, arguments: ["destroy", name]),
        .init(name: "suspend", baseline: .running, arguments: ["suspend", name]),
        .init(name: "resume", baseline: .paused, arguments: ["resume", name]),
        .init(name: "save", baseline: .running, arguments: ["save", name, "SAVE"]),
        .init(name: "restore", baseline: .saved, arguments: ["restore", "SAVE"]),
        .init(name: "setmem", baseline: .running, arguments: ["setmem", name, "131072", "--live"]),
        .init(name: "setvcpus", baseline: .running, arguments: ["setvcpus", name, "2", "--live"]),
        .init(name: "shutdown", baseline: .booted, arguments: ["shutdown", name]),
        .init(name: "reboot", baseline: .booted, arguments: ["reboot", name]),
    ]

    @Test(arguments: operations)
    func killedAtAnyMoment(_ operation: Operation) async throws {
        try await GuestFixture.with { fixture in
            let harness = Harness(fixture: fixture)
            let arguments = operation.arguments.map {
                $0 == "XML" ? harness.xmlPath : $0 == "SAVE" ? harness.savePath : $0
            }
            try await harness.prepare(operation.baseline)
            let clock = ContinuousClock()
            let measured = try await harness.runUnkilled(arguments)
            var failures: [String] = []
            // What the kills left (the state before, after, or one in between): evidence they hit the operation.
            var outcomes: [String: Int] = [:]
            for point in 0..<Self.points {
                try await harness.prepare(operation.baseline)
                // Spread over the operation, from the client's first instructions to its last.
                let delay = measured * ((Double(point) + 0.5) / Double(Self.points))
                let client = try ProcessRunner.start(GuestFixture.virsh, ["-c", fixture.uri] + arguments)
                try await Task.sleep(for: delay)
                kill(client.pid, SIGKILL)
                _ = await client.wait()
                if let disagreement = await harness.truth.settle() {
                    failures.append("killed after \(delay): \(disagreement)")
                    continue
                }
                let outcome = await harness.outcome()
                outcomes[outcome, default: 0] += 1
                // A save that was undone (the guest runs on) leaves no file behind it.
                if operation.name == "save", outcome.hasPrefix("running"), outcome.hasSuffix(", image") {
                    failures.append("killed after \(delay): the save was undone but its file is left")
                }
                // No lock is left to block the next operation.
                let next = clock.now
                do {
                    try await harness.clear()
                } catch {
                    failures.append("killed after \(delay): the next operations failed: \(error); run directory: \(harness.runFiles())")
                    continue
                }
                if clock.now - next > .seconds(15) { failures.append("killed after \(delay): clearing up took \(clock.now - next)") }
            }
            let seen = outcomes.sorted { $0.key < $1.key }.map { "\($0.key) x\($0.value)" }.joined(separator: ", ")
            print("""
                fault-injection: \(operation.name): \(Self.points) kill points over \(measured), \
                \(failures.count) left the host inconsistent; outcomes: \(seen)
                """)
            #expect(failures.isEmpty, "\(operation.name): \(failures.joined(separator: "; "))")
        }
    }
}

/// One domain in a fixture's root, brought to a baseline state before each kill.
struct Harness {
    let fixture: GuestFixture
    var name: String { FaultInjectionTests.name }
    var truth: HostTruth { HostTruth(fixture: fixture, name: name, uuid: FaultInjectionTests.uuid) }
    var xmlPath: String { fixture.root + "/fi.xml" }
    var savePath: String { fixture.root + "/fi.save" }

    /// The test guest without its kernel (SeaBIOS finds nothing to boot and idles: cheap to start often), or
    /// with it where the guest must answer the power button.
    func xml(booting: Bool) -> String {
        var xml = fixture.image.domainXML(name: name, uuid: FaultInjectionTests.uuid, consolePath: fixture.consolePath(name))
        if !booting {
            xml = xml.replacingOccurrences(of: #"<kernel>[^<]*</kernel>\s*<initrd>[^<]*</initrd>\s*<cmdline>[^<]*</cmdline>"#,
                                           with: "", options: .regularExpression)
        }
        return xml
    }

    /// The domain as listed, and whether the save file exists: "running, persistent, no image".
    func outcome() async -> String {
        let image = FileManager.default.fileExists(atPath: savePath) ? "image" : "no image"
        guard let conn = try? await Connection.open(fixture.uri) else { return "unreadable" }
        defer { conn.close() }
        guard let dom = try? await conn.lookupDomain(name: name), let state = try? await dom.state() else { return "absent, \(image)" }
        let persistent = (try? await dom.isPersistent()) == true ? "persistent" : "transient"
        return "\(state.state) (\(state.reasonCode)), \(persistent), \(image)"
    }

    func runFiles() -> [String] { Paths.contents(of: fixture.root + "/run/qemu").sorted() }

    /// Destroys, undefines and deletes whatever the last round left.
    func clear() async throws {
        let conn = try await Connection.open(fixture.uri)
        defer { conn.close() }
        if let dom = try? await conn.lookupDomain(name: name) {
            let persistent = try await dom.isPersistent()
            do throws(VirtError) {
                if try await dom.isActive() { try await dom.destroy() }
            } catch where error.code == .operationInvalid {
                // The guest powered off by itself in between (after a shutdown): it is stopped all the same.
            }
            if persistent { try await dom.undefine() }
        }
        try? FileManager.default.removeItem(atPath: savePath)
        try? FileManager.default.removeItem(atPath: fixture.consolePath(name))
    }

    func prepare(_ baseline: FaultInjectionTests.Baseline) async throws {
        try await clear()
        let booting = baseline == .booted
        try xml(booting: booting).write(toFile: xmlPath, atomically: true, encoding: .utf8)
        guard baseline != .absent else { return }
        let conn = try await Connection.open(fixture.uri)
        defer { conn.close() }
        let dom = try await conn.defineDomain(xml: xml(booting: booting))
        guard baseline != .defined else { return }
        try await dom.start()
        switch baseline {
        case .paused:
            try await dom.suspend()
        case .saved:
            try await dom.save(to: savePath)
        case .booted:
            try await fixture.waitForConsole(name, "SWIFTVIRT-GUEST-READY", timeout: .seconds(120))
        default:
            break
        }
    }

    /// Runs the operation to its end once and returns how long the client took.
    func runUnkilled(_ arguments: [String]) async throws -> Duration {
        let clock = ContinuousClock()
        let started = clock.now
        let result = try await ProcessRunner.run(GuestFixture.virsh, ["-c", fixture.uri] + arguments)
        let duration = clock.now - started
        guard result.status == 0 else {
            throw HarnessError(description: "virsh \(arguments.joined(separator: " ")) failed: \(result.error)")
        }
        if let disagreement = await truth.settle() {
            throw HarnessError(description: "virsh \(arguments.joined(separator: " ")) left the host inconsistent unkilled: \(disagreement)")
        }
        return duration
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
}
