import Foundation
import QMP
import Testing
import Virt
import VirtTestSupport
import VirtOS
@testable import VirtQEMU

/// Guests that act by themselves (kernel argument `swiftvirt.after=N:ACTION`), with no SwiftVirt call in
/// between: the watcher applies `<on_poweroff>`, `<on_reboot>`, `<on_crash>` and records the events, which
/// reach a subscriber in this process. Serialised: each test boots guests under TCG, and a CI host with all of
/// them at once starves every other suite.
@Suite(.serialized, .tags(.qemuBoot), .guestSlot)
struct WatcherTests {
    @Test("a guest that powers off by itself is destroyed (on_poweroff=destroy), with libvirt's events")
    func powerOffDestroy() async throws {
        try await GuestFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let recorder = EventRecorder(try await conn.events())
            let dom = try await conn.defineDomain(xml: fixture.actingXML("off", after: "1:poweroff"))
            try await dom.start()
            try await fixture.waitForConsole("off", "SWIFTVIRT-GUEST-ACT poweroff")
            // No call on the domain from here on: only the watcher can stop it.
            try await recorder.wait(for: .stoppedShutdown, of: "off")
            #expect(try await dom.state() == DomainStateInfo.shutoff(.shutdown))
            #expect(recorder.lifecycle(of: "off") == [.definedAdded, .resumedUnpaused, .startedBooted, .shutdownGuest, .stoppedShutdown])
            #expect(fixture.pid("off") == nil)
        }
    }

    @Test("on_poweroff=restart boots the same domain again; on_reboot=restart reports the guest's reboot")
    func restarts() async throws {
        try await GuestFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let recorder = EventRecorder(try await conn.events())
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
            let recorder = EventRecorder(try await conn.events())
            let panic = "<devices><panic model='isa'/></devices>"
            let gone = try await conn.defineDomain(xml: fixture.actingXML("gone", after: "1:panic", extras: panic))
            let kept = try await conn.createDomain(
                xml: fixture.actingXML("kept", after: "1:panic", extras: panic + "<on_crash>preserve</on_crash>"))
            try await gone.start()
            try await recorder.wait(for: .stoppedCrashed, of: "gone")
            #expect(try await gone.state() == DomainStateInfo.shutoff(.crashed))
            try await recorder.wait(for: .crashedPanicked, of: "kept")
            #expect(try await kept.state() == DomainStateInfo.crashed(.panicked))
            await #expect(throws: VirtError.self) { try await kept.resume() }
            try await kept.destroy()
            try await recorder.wait(for: .stoppedDestroyed, of: "kept")
            #expect(recorder.lifecycle(of: "gone") == [.definedAdded, .resumedUnpaused, .startedBooted, .crashedPanicked, .stoppedCrashed])
            #expect(recorder.lifecycle(of: "kept") == [
                .resumedUnpaused, .startedBooted, .suspendedPaused, .crashedPanicked, .shutdownHost, .stoppedDestroyed,
            ])
        }
    }

    @Test("on_crash=coredump-destroy writes the guest's memory as an ELF core, then stops it as crashed")
    func coreDump() async throws {
        try await GuestFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let recorder = EventRecorder(try await conn.events())
            let dom = try await conn.createDomain(xml: fixture.actingXML(
                "cored", after: "1:panic", extras: "<devices><panic model='isa'/></devices><on_crash>coredump-destroy</on_crash>"))
            try await recorder.wait(for: .stoppedCrashed, of: "cored")
            let dumps = "\(fixture.root)/dump/qemu"
            let files = try FileManager.default.contentsOfDirectory(atPath: dumps)
            #expect(files.count == 1 && files[0].hasPrefix("cored-"), "\(files)")
            let core = try #require(FileHandle(forReadingAtPath: "\(dumps)/\(files[0])"))
            #expect(try core.read(upToCount: 4) == Data([0x7f, 0x45, 0x4c, 0x46]))  // "\x7fELF"
            let size = try FileManager.default.attributesOfItem(atPath: "\(dumps)/\(files[0])")[.size] as? Int ?? 0
            #expect(size > 192 << 20, "a core of \(size) bytes for a 192 MiB guest")
            try core.close()
            await #expect(throws: VirtError.self) { try await dom.info() }
        }
    }

    @Test("a QEMU killed from outside is noticed at once: Stopped Failed, and the domain reads shut off (crashed)")
    func qemuKilled() async throws {
        try await GuestFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let recorder = EventRecorder(try await conn.events())
            let dom = try await conn.defineDomain(xml: fixture.xml("killed"))
            try await dom.start()
            let pid = try #require(fixture.pid("killed"))
            kill(pid, SIGKILL)
            try await recorder.wait(for: .stoppedFailed, of: "killed")
            #expect(!FileManager.default.fileExists(atPath: "\(fixture.root)/run/qemu/status/killed"))
            #expect(try await dom.state() == DomainStateInfo.shutoff(.crashed))
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
            let recorder = EventRecorder(try await conn.events())
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

extension WatcherTests {
    /// What a starter killed mid-start leaves: QEMU running with its pid file, but no status (the status is
    /// written last). Made here by removing the status of a guest that started.
    static func orphan(_ fixture: GuestFixture, _ name: String) throws -> Int32 {
        let pid = try #require(fixture.pid(name))
        for file in ["status/\(name)", "\(name).xml"] {
            try FileManager.default.removeItem(atPath: "\(fixture.root)/run/qemu/\(file)")
        }
        return pid
    }

    static func qemuCount(uuid: String) async throws -> Int {
        try await ProcessRunner.run("/usr/bin/pgrep", ["-f", "uuid \(uuid)"]).output.split(separator: "\n").count
    }

    /// Alive and not a zombie (a killed QEMU is reparented to a PID 1 that may be slow to reap it).
    static func alive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return !stat[stat.index(close, offsetBy: 2)...].hasPrefix("Z")
    }

    @Test("a QEMU left by a start that never finished is ended: by the next start, or by the watcher")
    func orphanedLaunches() async throws {
        try await GuestFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            // The next start of the same domain ends the orphan before it launches: one QEMU, not two.
            let dom = try await conn.defineDomain(xml: fixture.xml("twice"))
            try await dom.start()
            let first = try Self.orphan(fixture, "twice")
            #expect(try await dom.state().state == .shutoff)
            try await dom.start()
            #expect(!Self.alive(first), "the orphaned QEMU \(first) still runs")
            #expect(try await Self.qemuCount(uuid: dom.uuid.libvirtString) == 1)
            try await dom.destroy()

            // With a watcher running (another domain keeps it), the orphan goes without any call.
            let keeper = try await conn.createDomain(xml: fixture.xml("keeper"))
            let lone = try await conn.createDomain(xml: fixture.xml("lone"))
            let second = try Self.orphan(fixture, "lone")
            try await fixture.wait("lone") { !Self.alive(second) }
            #expect(try await Self.qemuCount(uuid: lone.uuid.libvirtString) == 0)
            try await keeper.destroy()
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

extension WatcherTests {
    @Test("a reboot whose client died between QEMU's reset and its resume is finished: the guest runs on")
    func rebootResetButNotResumed() async throws {
        try await GuestFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let dom = try await conn.createDomain(xml: fixture.xml("half"))
            try await fixture.waitForConsole("half", "SWIFTVIRT-GUEST-READY")
            // What a reboot's client leaves when killed right after `system_reset`: the status says a reboot
            // is pending, QEMU waits in "prelaunch". Made here holding the domain's lock, as that client did.
            let run = "\(fixture.root)/run/qemu"
            let lock = try #require(try FileLock.tryLock("\(run)/\(dom.uuid.libvirtString).lock"))
            let statusPath = "\(run)/status/half"
            var status = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: statusPath))) as? [String: Any])
            status["rebootPending"] = true
            try JSONSerialization.data(withJSONObject: status).write(to: URL(fileURLWithPath: statusPath))
            let monitor = try await QMPMonitor.open("\(run)/\(dom.uuid.libvirtString).monitor")
            try await monitor.systemPowerdown()
            try await fixture.wait("half to power off") { try await monitor.runState() == .shutdown }
            try await monitor.systemReset()
            #expect(try await monitor.runState() == .prelaunch)
            await monitor.close()  // QEMU's monitor serves one client at a time
            lock.unlock()
            // The watcher (QEMU's RESET) finishes it, with no call on the domain.
            func runState() async -> QMPRunState? {
                guard let monitor = try? await QMPMonitor.open("\(run)/\(dom.uuid.libvirtString).monitor") else { return nil }
                defer { Task { await monitor.close() } }
                return try? await monitor.runState()
            }
            try await fixture.wait("half to run again") { await runState() == .running }
            #expect(try await dom.state().state == .running)
            try await dom.destroy()
        }
    }
}
