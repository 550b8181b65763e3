import Foundation
import Synchronization
import Testing
import Virt
import VirtTestSupport

/// Guests that act by themselves (kernel argument `swiftvirt.after=N:ACTION`), with no SwiftVirt call in
/// between: the watcher applies `<on_poweroff>`, `<on_reboot>`, `<on_crash>` and records the events, which
/// reach a subscriber in this process.
@Suite(.tags(.qemuBoot))
struct WatcherTests {
    @Test("a guest that powers off by itself is destroyed (on_poweroff=destroy), with libvirt's events")
    func powerOffDestroy() async throws {
        try await GuestFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let recorder = try await EventRecorder(conn)
            let dom = try await conn.defineDomain(xml: fixture.actingXML("off", after: "1:poweroff"))
            try await dom.start()
            try await fixture.waitForConsole("off", "SWIFTVIRT-GUEST-ACT poweroff")
            // No call on the domain from here on: only the watcher can stop it.
            try await recorder.wait(for: .stoppedShutdown, of: "off")
            #expect(try await dom.state() == DomainStateInfo(.shutoff, reason: .shutdown))
            #expect(recorder.lifecycle(of: "off") == [.definedAdded, .resumedUnpaused, .startedBooted, .shutdownGuest, .stoppedShutdown])
            #expect(fixture.pid("off") == nil)
        }
    }

    @Test("on_poweroff=restart boots the same domain again; on_reboot=restart reports the guest's reboot")
    func restarts() async throws {
        try await GuestFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let recorder = try await EventRecorder(conn)
            let off = try await conn.createDomain(
                xml: fixture.actingXML("again", after: "1:poweroff", extras: "<on_poweroff>restart</on_poweroff>"))
            let boot = try await conn.createDomain(xml: fixture.actingXML("reboot", after: "1:reboot"))
            try await fixture.waitForConsole("again", "SWIFTVIRT-GUEST-READY", count: 2, timeout: .seconds(120))
            try await fixture.waitForConsole("reboot", "SWIFTVIRT-GUEST-READY", count: 2, timeout: .seconds(120))
            #expect(try await off.state().state == .running)
            #expect(try await boot.state().state == .running)
            #expect(try await conn.lookupDomain(name: "again").id == off.id)
            // A power-off that restarts is no lifecycle change, only a reboot (as libvirt reports it).
            #expect(recorder.lifecycle(of: "again") == [.resumedUnpaused, .startedBooted])
            #expect(recorder.count(.reboot, of: "again") >= 1)
            #expect(recorder.count(.reboot, of: "reboot") >= 1)
            #expect(!recorder.lifecycle(of: "reboot").contains { $0.type == .stopped })
        }
    }

    @Test("a guest panic: on_crash=destroy stops it as crashed; on_crash=preserve keeps it crashed until destroyed")
    func panics() async throws {
        try await GuestFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let recorder = try await EventRecorder(conn)
            let panic = "<devices><panic model='isa'/></devices>"
            let gone = try await conn.defineDomain(xml: fixture.actingXML("gone", after: "1:panic", extras: panic))
            let kept = try await conn.createDomain(
                xml: fixture.actingXML("kept", after: "1:panic", extras: panic + "<on_crash>preserve</on_crash>"))
            try await gone.start()
            try await recorder.wait(for: .stoppedCrashed, of: "gone")
            #expect(try await gone.state() == DomainStateInfo(.shutoff, reason: .crashed))
            try await recorder.wait(for: .crashedPanicked, of: "kept")
            #expect(try await kept.state() == DomainStateInfo(.crashed, reason: DomainStateReason(rawValue: 1)))
            await #expect(throws: VirtError.self) { try await kept.resume() }
            try await kept.destroy()
            try await recorder.wait(for: .stoppedDestroyed, of: "kept")
            #expect(recorder.lifecycle(of: "gone") == [.definedAdded, .resumedUnpaused, .startedBooted, .crashedPanicked, .stoppedCrashed])
            #expect(recorder.lifecycle(of: "kept") == [
                .resumedUnpaused, .startedBooted, .suspendedPaused, .crashedPanicked, .shutdownHost, .stoppedDestroyed,
            ])
        }
    }

    @Test("kill -9 of the watcher loses nothing: the next call starts another, which catches up")
    func watcherKilled() async throws {
        try await GuestFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let dom = try await conn.createDomain(xml: fixture.actingXML("orphan", after: "4:poweroff"))
            try await fixture.waitForConsole("orphan", "SWIFTVIRT-GUEST-READY")
            let first = try await fixture.watcherPIDs()
            #expect(first.count == 1)
            for pid in first { kill(pid, SIGKILL) }
            // The guest powers off while no watcher runs: QEMU waits, paused.
            try await fixture.waitForConsole("orphan", "SWIFTVIRT-GUEST-ACT poweroff")
            try await Task.sleep(for: .seconds(2))
            #expect(try await fixture.watcherPIDs().isEmpty)
            // Any call that finds the domain running starts a new watcher, which destroys it.
            _ = try await conn.domainIDs()
            try await fixture.wait("orphan") { (try? await conn.lookupDomain(name: "orphan"))?.id ?? -1 < 0 }
            let second = try await fixture.watcherPIDs()
            #expect(second.count == 1 && second != first)
            await #expect(throws: VirtError.self) { try await dom.info() }
        }
    }

    @Test("events of changes made by another process (virsh) reach this one, in order")
    func otherProcesses() async throws {
        try await GuestFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let recorder = try await EventRecorder(conn)
            try fixture.xml("other").write(toFile: "\(fixture.root)/other.xml", atomically: true, encoding: .utf8)
            for step in [["define", "\(fixture.root)/other.xml"], ["start", "other"], ["suspend", "other"],
                         ["resume", "other"], ["destroy", "other"], ["undefine", "other"]] {
                let result = try await fixture.virsh(step)
                #expect(result.status == 0, "\(step): \(result.error)")
            }
            try await recorder.wait(for: .undefinedRemoved, of: "other")
            #expect(recorder.lifecycle(of: "other") == [
                .definedAdded, .resumedUnpaused, .startedBooted, .suspendedPaused, .resumedUnpaused, .shutdownHost,
                .stoppedDestroyed, .undefinedRemoved,
            ])
        }
    }
}

extension GuestFixture {
    /// Runs `body` with a fixture that is torn down before this returns, however `body` ends: these guests
    /// power off, reboot or panic again at every boot, and must not outlive their test.
    static func with(_ body: (GuestFixture) async throws -> Void) async throws {
        let fixture = try await GuestFixture()
        do {
            try await body(fixture)
        } catch {
            await fixture.tearDown()
            throw error
        }
        await fixture.tearDown()
    }

    /// The guest, told to act by itself (`swiftvirt.after=N:ACTION`), with extra elements merged in.
    func actingXML(_ name: String, after: String, extras: String = "") -> String {
        var xml = self.xml(name).replacingOccurrences(of: "panic=-1 quiet", with: "panic=-1 quiet swiftvirt.after=\(after)")
        var extras = extras
        if let devices = extras.range(of: "<devices>"), let end = extras.range(of: "</devices>") {
            let inner = String(extras[devices.upperBound..<end.lowerBound])
            extras.removeSubrange(devices.lowerBound..<end.upperBound)
            xml = xml.replacingOccurrences(of: "</devices>", with: inner + "</devices>")
        }
        return xml.replacingOccurrences(of: "<os>", with: extras + "<os>")
    }

    func virsh(_ arguments: [String]) async throws -> ProcessRunner.Result {
        try await ProcessRunner.run(Self.virsh, ["-c", uri] + arguments)
    }
}

/// A connection's events, collected in the background.
final class EventRecorder: Sendable {
    private final class Log: Sendable {
        let events = Mutex<[DomainEvent]>([])
    }

    private let log = Log()
    private let task: Task<Void, Never>

    init(_ conn: Connection) async throws {
        let stream = try await conn.events()
        let log = self.log
        task = Task {
            for await event in stream { log.events.withLock { $0.append(event) } }
        }
    }

    deinit {
        task.cancel()
    }

    func lifecycle(of name: String) -> [DomainLifecycleEvent] {
        log.events.withLock { events in
            events.compactMap { event in
                guard event.domain.name == name, case .lifecycle(let lifecycle) = event.body else { return nil }
                return lifecycle
            }
        }
    }

    func count(_ id: DomainEventID, of name: String) -> Int {
        log.events.withLock { $0.filter { $0.domain.name == name && $0.id == id }.count }
    }

    func wait(for lifecycle: DomainLifecycleEvent, of name: String, timeout: Duration = .seconds(90)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !self.lifecycle(of: name).contains(lifecycle) {
            guard ContinuousClock.now < deadline else {
                Issue.record("no \(lifecycle) event for '\(name)' within \(timeout); got \(self.lifecycle(of: name))")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
