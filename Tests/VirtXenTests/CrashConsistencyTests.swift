import Foundation
import Testing
import Virt
import VirtDriverState
import VirtTestSupport
@testable import VirtXen

/// What a client killed midway leaves on xen:///, taken over by the next process that looks: a save with
/// its stream half written is undone (the guest runs on, the file it made goes), one with its stream whole
/// is finished; a domain half built by a dead builder is destroyed. (The Xen lab kills real clients:
/// Tests/XenLab/kill-scenario.sh.)
@Suite struct CrashConsistencyTests {
    /// The status a save writes before it touches the guest, as a client killed midway leaves it.
    static func leaveSaveUnfinished(_ fixture: XenFixture, name: String, path: String, streamWritten: Bool) throws {
        let store = XenStateStore(paths: fixture.paths)
        var status = try #require(store.recordedStatus(named: name))
        status.saving = PendingSave(path: path, createdFile: true, wasRunning: true)
        status.saving?.streamWritten = streamWritten
        try store.writeStatus(status)
        try Data("half a stream".utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test("a save whose client died with the stream half written is undone by the next reader")
    func halfSaveIsUndone() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let dom = try await conn.createDomain(xml: XenFixture.pvXML())
        let path = fixture.root + "/pv1.save"
        try Self.leaveSaveUnfinished(fixture, name: "pv1", path: path, streamWritten: false)
        fixture.xen.guestStops(1, reason: .suspend)

        // Another process lists: the guest runs again, as before the save.
        let other = try await fixture.open()
        #expect(try await other.lookupDomain(name: "pv1").state() == DomainStateInfo.running(.booted))
        #expect(fixture.xen.calls.contains("resume 1"))
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(XenStateStore(paths: fixture.paths).recordedStatus(named: "pv1")?.saving == nil)
        try await dom.destroy()
    }

    @Test("a destroy whose client died midway (Xen kept the domain, paused) is finished by the next reader")
    func halfDestroyIsFinished() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        _ = try await conn.defineDomain(xml: XenFixture.pvXML())
        let dom = try await conn.lookupDomain(name: "pv1")
        try await dom.start()
        // What the destroy records before it asks Xen, as a client killed right after leaves it.
        let store = XenStateStore(paths: fixture.paths)
        var status = try #require(store.recordedStatus(named: "pv1"))
        status.destroying = true
        try store.writeStatus(status)

        let other = try await fixture.open()
        #expect(try await other.lookupDomain(name: "pv1").state() == DomainStateInfo.shutoff(.destroyed))
        #expect(fixture.xen.calls.last == "destroy 1")
        #expect(store.recordedStatus(named: "pv1") == nil)
    }

    @Test("a save whose client died after the stream was whole ends as saved")
    func wholeSaveIsFinished() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        _ = try await conn.defineDomain(xml: XenFixture.pvXML())
        let dom = try await conn.lookupDomain(name: "pv1")
        try await dom.start()
        let path = fixture.root + "/pv1.save"
        try Self.leaveSaveUnfinished(fixture, name: "pv1", path: path, streamWritten: true)
        fixture.xen.guestStops(1, reason: .suspend)

        let other = try await fixture.open()
        #expect(try await other.lookupDomain(name: "pv1").state() == DomainStateInfo.shutoff(.saved))
        #expect(fixture.xen.calls.last == "destroy 1")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("a domain half built by a builder that died is destroyed before the name is built again")
    func orphanedBuildIsDestroyed() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        _ = try await conn.createDomain(xml: XenFixture.pvXML())
        // What a builder killed inside libxl leaves: Xen's domain and the marker, no status.
        let store = XenStateStore(paths: fixture.paths)
        let uuid = try #require(store.recordedStatus(named: "pv1")?.uuid)
        try "\(uuid)".write(toFile: fixture.paths.launchMarker("pv1"), atomically: true, encoding: .utf8)
        for file in ["status/pv1", "pv1.xml"] { try FileManager.default.removeItem(atPath: fixture.paths.run + "/" + file) }
        #expect(try await conn.domainIDs() == [0])

        let again = try await conn.createDomain(xml: XenFixture.pvXML(uuid: uuid))
        #expect(again.id == 2)
        #expect(fixture.xen.calls.contains("destroy 1"))
        #expect(!FileManager.default.fileExists(atPath: fixture.paths.launchMarker("pv1")))
    }

    @Test("a restart whose builder died leaves a new Xen domain beside the old status: the watcher destroys it")
    func orphanedRebuildIsDestroyed() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        _ = try await conn.createDomain(xml: XenFixture.pvXML())
        // What a restart killed inside libxl leaves: the status of the domain it destroyed (id 1), the marker,
        // and the new Xen domain of the same UUID (id 2), paused, recorded nowhere.
        let store = XenStateStore(paths: fixture.paths)
        let uuid = try #require(store.recordedStatus(named: "pv1")?.uuid)
        let config = try #require(fixture.xen.domain(named: "pv1")?.config)
        try await fixture.xen.destroy(1)
        #expect(try await fixture.xen.create(config) == 2)
        try "\(uuid)".write(toFile: fixture.paths.launchMarker("pv1"), atomically: true, encoding: .utf8)

        // The watcher reaps the marker before it has looked at the old status (it did in that order when
        // the builder died between the two looks of one scan).
        let driver = try fixture.driver()
        await driver.reapOrphanedLaunch(named: "pv1")
        #expect(fixture.xen.calls.last == "destroy 2")
        #expect(!FileManager.default.fileExists(atPath: fixture.paths.launchMarker("pv1")))
        #expect(try await conn.domainIDs() == [0])
    }

    @Test("a marker beside the status of the domain its builder recorded leaves that domain running")
    func recordedBuildIsKept() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        _ = try await conn.createDomain(xml: XenFixture.pvXML())
        let uuid = try #require(XenStateStore(paths: fixture.paths).recordedStatus(named: "pv1")?.uuid)
        // The builder died after it recorded the domain, before it removed its marker.
        try "\(uuid)".write(toFile: fixture.paths.launchMarker("pv1"), atomically: true, encoding: .utf8)

        let driver = try fixture.driver()
        await driver.reapOrphanedLaunch(named: "pv1")
        #expect(!fixture.xen.calls.contains("destroy 1"))
        #expect(!FileManager.default.fileExists(atPath: fixture.paths.launchMarker("pv1")))
        #expect(try await conn.domainIDs() == [0, 1])
    }

    /// What a restarter (client or watcher) killed midway through restarting pv1 leaves: the restart recorded
    /// (its stop event given), and Xen's domain 1 destroyed or not yet. Destroyed, only the recorded restart
    /// brings the guest back; not yet, the guest's own reboot would too, and the case checks that the stop
    /// event is not given twice.
    static func leaveRestartUnfinished(_ fixture: XenFixture, destroyed: Bool) async throws {
        let store = XenStateStore(paths: fixture.paths)
        var status = try #require(store.recordedStatus(named: "pv1"))
        status.restartingAfter = ShutoffReason.shutdown.rawValue
        try store.writeStatus(status)
        fixture.xen.guestStops(1, reason: .reboot)
        if destroyed { try await fixture.xen.destroy(1) }
    }

    @Test("a restart whose restarter died before or after the destroy is finished by the next reader: the guest is not lost",
          arguments: [true, false])
    func unfinishedRestartIsFinished(destroyed: Bool) async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        _ = try await conn.createDomain(xml: XenFixture.pvXML())
        try await Self.leaveRestartUnfinished(fixture, destroyed: destroyed)
        let recorder = EventRecorder(try await conn.events())

        let other = try await fixture.open()
        let pv1 = try await other.lookupDomain(name: "pv1")
        #expect(try await pv1.state() == DomainStateInfo.running(.booted))
        #expect(pv1.id == 2)
        #expect(fixture.xen.calls.suffix(destroyed ? 2 : 3) == (destroyed ? [] : ["destroy 1"]) + ["create pv1", "unpause 2"])
        #expect(XenStateStore(paths: fixture.paths).recordedStatus(named: "pv1")?.restartingAfter == nil)
        // Only the boot: the stop was given by the restarter before it died.
        try await recorder.wait("the boot", timeout: .seconds(10)) { !recorder.lifecycle(of: "pv1").isEmpty }
        try await Task.sleep(for: .milliseconds(300))
        #expect(recorder.lifecycle(of: "pv1") == [.startedBooted])
        withExtendedLifetime(fixture) {}
    }
}

