import Foundation
import Synchronization
import Testing
import Virt
import VirtTestSupport

/// A remote connection that keeps itself alive (SwiftVirt's own, beyond libvirt): the daemon is killed with
/// SIGKILL and started again under a subscriber; calls meanwhile fail at once, the subscription resumes by
/// itself, a resynchronisation reports where things stand, and no event comes twice.
@Suite("a remote connection that keeps itself alive", .serialized)
struct ReconnectTests {
    /// Collects a connection's events for the test to look at.
    final class Collector: Sendable {
        private let events = Mutex<[DomainEvent]>([])
        var all: [DomainEvent] { events.withLock { $0 } }
        func add(_ event: DomainEvent) { events.withLock { $0.append(event) } }

        func wait(for count: Int, timeout: Duration = .seconds(20)) async throws {
            let deadline = ContinuousClock.now + timeout
            while all.count < count, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        }
    }

    @Test("kill -9 and restart of virtd: events resume, the resynchronisation comes, nothing twice, calls fail fast")
    func survivesDaemonRestart() async throws {
        let daemon = try await RunningDaemon.start()
        let directory = daemon.directory
        let uri = daemon.uri()
        let conn = try await Connection.open(uri, drivers: .builtin(remote: RemoteOptions(reconnect: ReconnectPolicy())))
        let events = try await conn.events()
        let collector = Collector()
        let listener = Task { for await event in events { collector.add(event) } }
        defer { listener.cancel() }

        #expect(try await ProcessRunner.run("/usr/bin/virsh", ["-c", uri, "suspend test"]).status == 0)
        try await collector.wait(for: 1)

        await daemon.kill9()
        let started = ContinuousClock.now
        await #expect(throws: VirtError.self) { try await conn.numberOfDomains() }
        #expect(ContinuousClock.now - started < .seconds(2), "a call while disconnected must fail at once")

        let restarted = try await RunningDaemon.start(in: directory)
        try await collector.wait(for: 2)
        #expect(try await conn.numberOfDomains() == 1)
        #expect(try await ProcessRunner.run("/usr/bin/virsh", ["-c", uri, "suspend test"]).status == 0)
        try await collector.wait(for: 3)
        try await Task.sleep(for: .milliseconds(500))
        conn.close()
        await restarted.stop()

        let seen = collector.all.map { event -> String in
            switch event.body {
            case .lifecycle(let lifecycle): "\(event.domain.name) lifecycle \(lifecycle.type.rawValue)/\(lifecycle.detail)"
            case .resynchronized(let state): "\(event.domain.name) resynchronized \(state.map { "\($0.state)" } ?? "gone")"
            default: "\(event.domain.name) \(event.id)"
            }
        }
        // Suspended, then (a fresh test:///default after the restart) running again, then suspended.
        #expect(seen == ["test lifecycle 3/0", "test resynchronized running", "test lifecycle 3/0"])
    }
}
