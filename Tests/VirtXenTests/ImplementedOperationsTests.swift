import Foundation
import Testing
import VirtTestSupport
import VirtDriver
@testable import VirtXen

/// Every operation the driver lists is called through `any HypervisorDriver`, and none may fall back to
/// the unsupported default (``OperationCoverage``).
@Suite struct ImplementedOperationsTests {
    @Test("every operation the xen driver lists is really implemented")
    func noSilentDefaults() async throws {
        let fixture = try XenFixture()
        let driver: any HypervisorDriver = try fixture.driver()
        let path = fixture.root + "/ops.save"
        let xml = XenFixture.pvXML(name: "ops")
        let defined = try await driver.domainDefineXML(XenFixture.pvXML(name: "defined"), flags: [])

        let coverage = OperationCoverage()
        let call = coverage.call
        await coverage.callHostOperations(driver)
        await call(.connectDomainXMLToNative) {
            let native = try await driver.connectDomainXMLToNative(format: .xenXL, xml: xml)
            #expect(native.contains("name = \"ops\""))
        }
        await call(.connectDomainXMLFromNative) {
            let native = try await driver.connectDomainXMLToNative(format: .xenXL, xml: xml)
            let back = try await driver.connectDomainXMLFromNative(format: .xenXL, config: native)
            #expect(back.contains("<name>ops</name>"))
        }
        await call(.domainCreateXML) { _ = try await driver.domainCreateXML(xml, flags: []) }
        let ref = try await driver.domainLookupByName("ops")
        await call(.connectNumOfDomains) { _ = try await driver.connectNumOfDomains() }
        await call(.connectListDomains) { _ = try await driver.connectListDomains() }
        await call(.connectNumOfDefinedDomains) { _ = try await driver.connectNumOfDefinedDomains() }
        await call(.connectListDefinedDomains) { _ = try await driver.connectListDefinedDomains() }
        await call(.connectListAllDomains) { _ = try await driver.connectListAllDomains(flags: []) }
        await call(.domainLookupByID) { _ = try await driver.domainLookupByID(ref.id) }
        await call(.domainLookupByName) { _ = try await driver.domainLookupByName("ops") }
        await call(.domainLookupByUUID) { _ = try await driver.domainLookupByUUID(ref.uuid) }
        await coverage.callDomainFacts(driver, ref)
        await call(.domainSetMemoryFlags) { try await driver.domainSetMemoryFlags(ref, kib: 98_304, flags: .live) }
        await call(.domainMemoryStats) {
            let stats = try await driver.domainMemoryStats(ref, maxStats: MemoryStatTag.knownCount, flags: 0)
            #expect(stats.map(\.tag) == [.actualBalloon, .available])
            #expect(stats.last?.value == 131_072, "the definition's total memory")
        }
        await call(.domainInterfaceStats) {
            let error = await #expect(throws: VirtError.self) { _ = try await driver.domainInterfaceStats(ref, device: "vif9.0") }
            #expect(error?.message == "invalid argument: 'vif9.0' is not a known interface", "ops has no interface")
        }
        await call(.domainBlockStats) {
            let error = await #expect(throws: VirtError.self) { _ = try await driver.domainBlockStats(ref, path: "xvda") }
            #expect(error?.message == "Requested operation is not valid: invalid path: xvda", "ops has no disk")
        }
        await call(.domainBlockStatsFlags) {
            // No disk, no blkback: zeros, and no "errs" (as libvirt's libxl driver).
            let parameters = try await driver.domainBlockStatsFlags(ref, path: "", flags: 0)
            #expect(parameters.map(\.field) == ["wr_bytes", "wr_operations", "rd_bytes", "rd_operations", "flush_operations"])
        }
        await call(.domainSetVcpusFlags) { try await driver.domainSetVcpusFlags(ref, count: 1, flags: .live) }
        await call(.domainGetVcpusFlags) { _ = try await driver.domainGetVcpusFlags(ref, flags: []) }
        await call(.domainGetVcpus) { _ = try await driver.domainGetVcpus(ref) }
        await call(.domainPinVcpuFlags) { try await driver.domainPinVcpuFlags(ref, vcpu: 0, map: CPUMap(bytes: [2]), flags: []) }
        await call(.domainGetVcpuPinInfo) { _ = try await driver.domainGetVcpuPinInfo(ref, flags: []) }
        await call(.domainOpenConsole) {
            // The fake Xen has no console pty unless a test gives it one: the driver's own refusal is enough.
            let error = await #expect(throws: VirtError.self) { _ = try await driver.domainOpenConsole(ref, device: "serial0", flags: []) }
            #expect(error?.message == "internal error: cannot find character device serial0")
        }
        await call(.domainSuspend) { try await driver.domainSuspend(ref) }
        await call(.domainResume) { try await driver.domainResume(ref) }
        await call(.domainSave) { try await driver.domainSave(ref, to: path) }
        await call(.domainRestore) { _ = try await driver.domainRestore(from: path) }
        await call(.domainSaveFlags) {
            try await driver.domainSaveFlags(try await driver.domainLookupByName("ops"), to: path, xml: nil, flags: .paused)
        }
        await call(.domainRestoreFlags) { _ = try await driver.domainRestoreFlags(from: path, xml: nil, flags: .running) }
        await call(.domainReboot) { try await driver.domainReboot(try await driver.domainLookupByName("ops"), flags: []) }
        await call(.domainShutdown) { try await driver.domainShutdown(try await driver.domainLookupByName("ops"), flags: []) }
        await call(.domainCreate) { _ = try await driver.domainCreate(defined, flags: []) }
        await call(.domainDestroy) { try await driver.domainDestroy(defined) }
        await call(.domainCreateXML) { _ = try await driver.domainCreateXML(xml, flags: []) }
        await call(.domainDestroyFlags) { try await driver.domainDestroyFlags(try await driver.domainLookupByName("ops"), flags: []) }
        await call(.domainDefineXML) { _ = try await driver.domainDefineXML(xml, flags: []) }
        await call(.domainUndefine) { try await driver.domainUndefine(try await driver.domainLookupByName("ops"), flags: []) }
        #expect(coverage.failures(against: driver) == [])
    }
}
