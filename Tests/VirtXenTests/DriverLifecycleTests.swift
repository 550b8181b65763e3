import Foundation
import Testing
import Virt
import VirtDriverState
import VirtOS
@testable import VirtXen

/// The driver's lifecycle on an in-memory Xen: what is recorded, what Xen is asked, and what a daemon would
/// have done when a guest stops by itself, done on the next access instead.
@Suite struct DriverLifecycleTests {
    @Test func domain0IsListedWithIDZero() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        #expect(try await conn.domainIDs() == [0])
        #expect(try await conn.numberOfDomains() == 1)
        let dom0 = try await conn.lookupDomain(id: 0)
        #expect(dom0.name == "Domain-0")
        #expect(dom0.uuidString == "00000000-0000-0000-0000-000000000000")
        let info = try await dom0.info()
        #expect(info.state == .running)
        #expect(info.memoryKiB == 524_288)
        #expect(info.maxMemoryKiB == 524_288)
        #expect(info.cpuTimeNanoseconds == 42_000_000_000)
        #expect(try await dom0.osType() == "xen")
        #expect(try await dom0.isPersistent())
        #expect(try await conn.lookupDomain(name: "Domain-0").id == 0)
        #expect(try await conn.lookupDomain(uuidString: "00000000-0000-0000-0000-000000000000").name == "Domain-0")
        #expect(try await conn.definedDomainNames() == [])
    }

    @Test func domain0RefusesWhatItCannotDo() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let dom0 = try await conn.lookupDomain(id: 0)
        let refusals: [(String, () async throws -> Void)] = [
            ("destroy", { try await dom0.destroy() }), ("suspend", { try await dom0.suspend() }),
            ("resume", { try await dom0.resume() }), ("shutdown", { try await dom0.shutdown() }),
            ("reboot", { try await dom0.reboot() }), ("save", { try await dom0.save(to: fixture.root + "/d0") }),
            ("undefine", { try await dom0.undefine() }),
        ]
        for (what, call) in refusals {
            let error = await #expect(throws: VirtError.self, "\(what)") { try await call() }
            #expect(error?.code == .operationInvalid)
            #expect(error?.domain == .libxl)
            #expect(error?.message == "Requested operation is not valid: Domain-0 does not support requested operation")
        }
        #expect(fixture.xen.calls.isEmpty)
    }

    @Test func domain0MemoryAndVcpusAreLive() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let dom0 = try await conn.lookupDomain(id: 0)
        try await dom0.setMemory(400 * 1024)
        #expect(try await dom0.info().memoryKiB == 400 * 1024)
        try await dom0.setMaxMemory(512 * 1024)
        try await dom0.setVcpus(1)
        let vcpus = try await dom0.vcpus()
        #expect(vcpus.count == 1)
        #expect(vcpus[0].affinity.usableCPUs == [0])
        #expect(fixture.xen.calls == ["mem-set 0", "mem-max 0", "vcpu-set 0"])
        let error = await #expect(throws: VirtError.self) { try await dom0.setMemory(1024, flags: .config) }
        #expect(error?.message == "Requested operation is not valid: Domain-0 does not support requested operation")
    }

    @Test func createSuspendResumeDestroyTransient() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let dom = try await conn.createDomain(xml: XenFixture.pvXML())
        #expect(dom.id == 1)
        #expect(fixture.xen.calls == ["create pv1", "unpause 1"])
        #expect(try await conn.domainIDs() == [0, 1])
        #expect(try await conn.lookupDomain(id: 1).name == "pv1")
        #expect(try await dom.state() == DomainStateInfo.running(.booted))
        #expect(try await dom.isPersistent() == false)

        try await dom.suspend()
        #expect(try await dom.state() == DomainStateInfo.paused(.user))
        try await dom.suspend()
        try await dom.resume()
        #expect(try await dom.state() == DomainStateInfo.running(.unpaused))

        let xml = try await dom.xmlDescription()
        #expect(xml.hasPrefix("<domain type='xen' id='1'>"))
        #expect(xml.contains("<type arch='x86_64'>linux</type>"))

        try await dom.destroy()
        #expect(dom.id == -1)
        #expect(try await conn.domainIDs() == [0])
        let error = await #expect(throws: VirtError.self) { try await conn.lookupDomain(name: "pv1") }
        #expect(error?.code == .noDomain)
        #expect(fixture.xen.calls.suffix(3) == ["pause 1", "unpause 1", "destroy 1"])
        #expect(!FileManager.default.fileExists(atPath: fixture.paths.domainLock(dom.uuidString)), "a domain that is gone leaves no lock")

        // Flags libxl's driver does not take are refused as libvirt's virCheckFlags words it.
        let flags = await #expect(throws: VirtError.self) { try await conn.createDomain(xml: XenFixture.pvXML(), flags: [.paused, .autodestroy]) }
        #expect(flags?.code == .invalidArg)
        #expect(flags?.message == "unsupported flags (0x2) in function libxlDomainCreateXML")
    }

    @Test func defineStartUndefine() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let dom = try await conn.defineDomain(xml: XenFixture.pvXML())
        #expect(try await conn.definedDomainNames() == ["pv1"])
        #expect(FileManager.default.fileExists(atPath: fixture.paths.definition("pv1")))
        #expect(try await dom.state().state == .shutoff)
        try await dom.start()
        #expect(dom.id == 1)
        #expect(try await conn.definedDomainNames() == [])
        let error = await #expect(throws: VirtError.self) { try await dom.start() }
        #expect(error?.message == "Requested operation is not valid: Domain is already running")
        try await dom.destroy()
        #expect(try await dom.state() == DomainStateInfo.shutoff(.destroyed))
        try await dom.undefine()
        #expect(try await conn.definedDomainNames() == [])
        #expect(!FileManager.default.fileExists(atPath: fixture.paths.definition("pv1")))
    }

    @Test func namesAndUUIDsAreUnique() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        _ = try await conn.defineDomain(xml: XenFixture.pvXML(uuid: "11111111-2222-3333-4444-555555555555"))
        let sameName = await #expect(throws: VirtError.self) {
            try await conn.defineDomain(xml: XenFixture.pvXML(uuid: "11111111-2222-3333-4444-666666666666"))
        }
        #expect(sameName?.message == "operation failed: domain 'pv1' already exists with uuid 11111111-2222-3333-4444-555555555555")
        let sameUUID = await #expect(throws: VirtError.self) {
            try await conn.defineDomain(xml: XenFixture.pvXML(name: "pv2", uuid: "11111111-2222-3333-4444-555555555555"))
        }
        #expect(sameUUID?.message == "operation failed: domain 'pv1' is already defined with uuid 11111111-2222-3333-4444-555555555555")
        let dom0Name = await #expect(throws: VirtError.self) { try await conn.defineDomain(xml: XenFixture.pvXML(name: "Domain-0")) }
        #expect(dom0Name?.message.hasPrefix("operation failed: domain 'Domain-0' already exists") == true)
    }

    @Test func guestShutdownIsReapedOnTheNextAccess() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let persistent = try await conn.defineDomain(xml: XenFixture.pvXML())
        try await persistent.start()
        let transient = try await conn.createDomain(xml: XenFixture.pvXML(name: "pv2"))
        fixture.xen.setReaction(.ignores)
        try await persistent.shutdown()
        #expect(try await persistent.state().state == .running)
        fixture.xen.guestStops(1, reason: .poweroff)
        fixture.xen.guestStops(2, reason: .poweroff)
        // Any access by any process tends them: a new connection lists what is left.
        let other = try await fixture.open()
        #expect(try await other.domainIDs() == [0])
        #expect(try await persistent.state() == DomainStateInfo.shutoff(.shutdown))
        #expect(try await other.definedDomainNames() == ["pv1"])
        await #expect(throws: VirtError.self) { try await other.lookupDomain(name: transient.name) }
        #expect(fixture.xen.calls.contains("destroy 1") && fixture.xen.calls.contains("destroy 2"))
    }

    @Test func crashFollowsOnCrash() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let destroyed = try await conn.defineDomain(xml: XenFixture.pvXML())
        try await destroyed.start()
        let restarted = try await conn.defineDomain(xml: XenFixture.pvXML(name: "pv2", extra: "<on_crash>restart</on_crash>"))
        try await restarted.start()
        let preserved = try await conn.createDomain(xml: XenFixture.pvXML(name: "pv3", extra: "<on_crash>preserve</on_crash>"))
        for id: UInt32 in 1...3 { fixture.xen.guestStops(id, reason: .crash) }
        #expect(try await destroyed.state() == DomainStateInfo.shutoff(.crashed))
        #expect(try await restarted.state() == DomainStateInfo.running(.booted))
        #expect(try await conn.lookupDomain(name: "pv2").id == 4)
        #expect(try await preserved.state().state == .crashed)
    }

    @Test func rebootRebuildsTheDomain() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let dom = try await conn.createDomain(xml: XenFixture.pvXML())
        try await dom.setMemory(96 * 1024)
        try await dom.reboot()
        let again = try await conn.lookupDomain(name: "pv1")
        #expect(again.id == 2)
        #expect(try await again.state() == DomainStateInfo.running(.booted))
        // The domain is built again from its live definition, changes included.
        #expect(fixture.xen.domain(named: "pv1")?.config?.buildInfo.targetMemoryKiB == 96 * 1024)
        #expect(fixture.xen.calls.suffix(4) == ["reboot 1", "destroy 1", "create pv1", "unpause 2"])

        // A guest that reboots by itself (on_reboot restart) is rebuilt by the next access.
        fixture.xen.guestStops(2, reason: .reboot)
        #expect(try await conn.domainIDs() == [0, 3])
    }

    @Test func aTransientDomainBeingTornDownByAnotherOperationIsStillFound() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let dom = try await conn.createDomain(xml: XenFixture.pvXML())
        // Another process's operation (the watcher restarting the guest) holds the domain's lock and has
        // destroyed the Xen domain, not yet built the new one.
        let operation = try #require(try FileLock.tryLock(fixture.paths.domainLock(dom.uuidString)))
        try await fixture.xen.destroy(1)
        let found = try await conn.lookupDomain(name: "pv1")
        #expect(found.id == 1)
        #expect(try await found.state().state == .shutdown)
        // The operation ends without building it again: the next access finds it gone.
        operation.unlock()
        let gone = await #expect(throws: VirtError.self) { try await conn.lookupDomain(name: "pv1") }
        #expect(gone?.code == .noDomain)
    }

    @Test func slowRebootIsCompletedByALaterAccess() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let dom = try await conn.createDomain(xml: XenFixture.pvXML(extra: "<on_reboot>destroy</on_reboot>"))
        fixture.xen.setReaction(.ignores)
        let started = ContinuousClock.now
        let reboot = Task { try await dom.reboot() }
        try await Task.sleep(for: .milliseconds(200))
        // The guest reboots: pending reboots rebuild even where on_reboot says destroy.
        fixture.xen.guestStops(1, reason: .reboot)
        try await reboot.value
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(try await conn.lookupDomain(name: "pv1").id == 2)
    }

    @Test func saveAndRestoreKeepTheXMLInOurHeader() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let dom = try await conn.createDomain(xml: XenFixture.pvXML())
        try await dom.suspend()
        let path = fixture.root + "/pv1.save"
        try await dom.save(to: path)
        #expect(try await conn.domainIDs() == [0])
        let image = try SaveImage.read(path, format: .xen)
        #expect(image.wasRunning == false)
        #expect(image.xml.contains("<name>pv1</name>"))
        #expect(fixture.xen.calls.suffix(3) == ["unpause 1", "suspend 1", "destroy 1"])

        let restored = try await conn.restoreDomain(from: path)
        #expect(restored.id == 2)
        #expect(try await restored.state() == DomainStateInfo.paused(.user))
        try await restored.resume()
        #expect(try await restored.state() == DomainStateInfo.running(.unpaused))

        let bad = fixture.root + "/bad.save"
        try Data("not a save image at all, just text".utf8).write(to: URL(fileURLWithPath: bad))
        let error = await #expect(throws: VirtError.self) { try await conn.restoreDomain(from: bad) }
        #expect(error?.message == "invalid argument: '\(bad)' is not a SwiftVirt Xen save image")
    }

    @Test func memoryVcpusAndPinning() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let dom = try await conn.createDomain(xml: XenFixture.pvXML())
        try await dom.setMemory(96 * 1024)
        #expect(try await dom.info().memoryKiB == 96 * 1024)
        let tooMuch = await #expect(throws: VirtError.self) { try await dom.setMemory(256 * 1024) }
        #expect(tooMuch?.message == "invalid argument: cannot set memory higher than max memory")
        try await dom.setMaxMemory(256 * 1024)
        #expect(try await dom.maxMemory() == 256 * 1024)

        try await dom.setVcpus(1)
        #expect(try await dom.vcpuCount() == 1)
        #expect(try await dom.vcpus().map(\.state) == [.blocked, .offline])
        let tooMany = await #expect(throws: VirtError.self) { try await dom.setVcpus(3) }
        #expect(tooMany?.message == "invalid argument: requested vcpus is greater than max allowable vcpus for the domain: 3 > 2")

        try await dom.pinVcpu(0, to: CPUMap(cpuCount: 2, usable: [1]))
        #expect(try await dom.vcpus()[0].affinity.usableCPUs == [1])
        #expect(try await dom.vcpuPinInfo()[0].usableCPUs == [1])
        #expect(try await dom.xmlDescription().contains("<vcpupin vcpu='0' cpuset='1'/>"))
        let inactive = await #expect(throws: VirtError.self) { try await dom.pinVcpu(1, to: CPUMap(cpuCount: 2, usable: [1])) }
        #expect(inactive?.message == "invalid argument: vcpu '1' is not active")
    }
}

extension DriverLifecycleTests {
    /// Domain-0's definition is made from Xen's view, as libvirt makes it: no devices, nothing parsed.
    @Test func domain0Definition() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let xml = try await conn.lookupDomain(id: 0).xmlDescription()
        #expect(xml == """
            <domain type='xen' id='0'>
              <name>Domain-0</name>
              <uuid>00000000-0000-0000-0000-000000000000</uuid>
              <memory unit='KiB'>524288</memory>
              <currentMemory unit='KiB'>524288</currentMemory>
              <vcpu placement='static'>1</vcpu>
              <os>
                <type>linux</type>
              </os>
              <clock offset='utc'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
              </devices>
            </domain>

            """)
        #expect(try XenDefinitions.parse(xml, options: .live).name == "Domain-0")
    }
}
