import Foundation
import Testing
import Virt
import VirtOS
import VirtTestSupport

/// Daemonless state: other processes (our virsh) see and change the same domains, QEMU outlives the
/// process that started it, and changes to one domain are serialised across processes by its lock.
@Suite(.serialized, .tags(.qemuBoot), .guestSlot)
struct MultiProcessTests {
    @Test("a second process sees, drives and stops what the first started")
    func sharedState() async throws {
        let fixture = try await GuestFixture()
        defer { Task { await fixture.tearDown() } }
        let xmlPath = fixture.root + "/shared.xml"
        try fixture.xml("shared").write(toFile: xmlPath, atomically: true, encoding: .utf8)

        // Started by virsh, a process that exits at once: QEMU must outlive it.
        let started = try await fixture.virsh("create", xmlPath)
        #expect(started.status == 0, "\(started.error)")
        #expect(started.output == "Domain 'shared' created from \(xmlPath)\n\n")
        try await fixture.waitForConsole("shared", "SWIFTVIRT-GUEST-READY")

        let conn = try await Connection.open(fixture.uri)
        defer { conn.close() }
        let dom = try await conn.lookupDomain(name: "shared")
        #expect(try await dom.state().state == .running)
        try await dom.suspend()
        let state = try await fixture.virsh("domstate", "shared", "--reason")
        #expect(state.output == "paused (user)\n\n")
        let list = try await fixture.virsh("list")
        #expect(list.output.contains(" \(dom.id)    shared   paused"), "\(list.output)")
        #expect(try await fixture.virsh("resume", "shared").status == 0)
        #expect(try await dom.state().state == .running)
        #expect(try await fixture.virsh("destroy", "shared").status == 0)
        await #expect(throws: VirtError.self) { try await conn.lookupDomain(name: "shared") }
    }

    @Test("a change waits while another process holds the domain's lock")
    func serialised() async throws {
        let fixture = try await GuestFixture()
        defer { Task { await fixture.tearDown() } }
        let conn = try await Connection.open(fixture.uri)
        defer { conn.close() }
        let dom = try await conn.defineDomain(xml: fixture.xml("locked"))
        try await dom.start()

        // Hold the domain's lock as another SwiftVirt process would during a long operation.
        let lockPath = "\(fixture.root)/run/qemu/\(dom.uuidString).lock"
        let lock = try #require(try FileLock.tryLock(lockPath))
        let suspend = try ProcessRunner.start(GuestFixture.virsh, ["-c", fixture.uri, "suspend", "locked"])
        try await Task.sleep(for: .seconds(2))
        #expect(suspend.isRunning, "virsh suspend went ahead while the lock was held")
        #expect(try await dom.state().state == .running)
        lock.unlock()
        let result = await suspend.wait()
        #expect(result.status == 0, "\(result.error)")
        #expect(try await dom.state().state == .paused)

        // Two processes racing on one domain: every operation completes, and the end state is consistent.
        let racers = try (0..<2).map { _ in
            try ProcessRunner.start(GuestFixture.virsh, ["-c", fixture.uri, "resume locked; suspend locked; resume locked; suspend locked"])
        }
        var results: [ProcessRunner.Result] = []
        for racer in racers { results.append(await racer.wait()) }
        let failures = results.flatMap { $0.error.split(separator: "\n") }.filter { !$0.contains("already running") && !$0.hasPrefix("error: Failed to resume") }
        #expect(failures.isEmpty, "\(results.map(\.error))")
        #expect(try await dom.state().state == .paused)
        try await dom.destroy()
    }
}
