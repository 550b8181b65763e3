import Foundation
import Testing
import VirtTestSupport
@testable import VirtTestDriver
import VirtDriver

/// Every operation the driver lists is called through `any HypervisorDriver`, and none may fall back to
/// the unsupported default (``OperationCoverage``).
@Suite struct ImplementedOperationsTests {
    @Test("every operation the test driver lists is really implemented")
    func noSilentDefaults() async throws {
        let driver: any HypervisorDriver = TestDriver(store: TestStore(try TestHost.makeDefault()))
        let ref = try await driver.domainLookupByName("test")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ops-\(UUID()).sav").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let xml = "<domain type='test'><name>ops</name><memory>65536</memory><os><type>hvm</type></os></domain>"

        let coverage = OperationCoverage()
        let call = coverage.call
        await coverage.callHostOperations(driver)
        await call(.connectNumOfDomains) { _ = try await driver.connectNumOfDomains() }
        await call(.connectListDomains) { _ = try await driver.connectListDomains() }
        await call(.connectNumOfDefinedDomains) { _ = try await driver.connectNumOfDefinedDomains() }
        await call(.connectListDefinedDomains) { _ = try await driver.connectListDefinedDomains() }
        await call(.connectListAllDomains) { _ = try await driver.connectListAllDomains(flags: []) }
        await call(.domainLookupByID) { _ = try await driver.domainLookupByID(1) }
        await call(.domainLookupByName) { _ = try await driver.domainLookupByName("test") }
        await call(.domainLookupByUUID) { _ = try await driver.domainLookupByUUID(ref.uuid) }
        await coverage.callDomainFacts(driver, ref)
        await call(.domainBlockStats) { _ = try await driver.domainBlockStats(ref, path: "vda") }
        await call(.domainInterfaceStats) { _ = try await driver.domainInterfaceStats(ref, device: "testnet0") }
        await call(.domainMemoryStats) { _ = try await driver.domainMemoryStats(ref, maxStats: MemoryStatTag.knownCount, flags: 0) }
        await call(.connectGetAllDomainStats) { _ = try await driver.connectGetAllDomainStats([], stats: [], flags: []) }
        await call(.domainSetMemoryStatsPeriod) { try await driver.domainSetMemoryStatsPeriod(ref, period: 5, flags: .live) }
        await call(.domainSetMemory) { try await driver.domainSetMemory(ref, kib: 1_048_576) }
        await call(.domainSetMemoryFlags) { try await driver.domainSetMemoryFlags(ref, kib: 1_048_576, flags: .live) }
        await call(.domainSetVcpus) { try await driver.domainSetVcpus(ref, count: 2) }
        await call(.domainSetVcpusFlags) { try await driver.domainSetVcpusFlags(ref, count: 2, flags: .live) }
        await call(.domainGetVcpusFlags) { _ = try await driver.domainGetVcpusFlags(ref, flags: []) }
        await call(.domainGetVcpus) { _ = try await driver.domainGetVcpus(ref) }
        await call(.domainPinVcpu) { try await driver.domainPinVcpu(ref, vcpu: 0, map: CPUMap(bytes: [1])) }
        await call(.domainPinVcpuFlags) { try await driver.domainPinVcpuFlags(ref, vcpu: 0, map: CPUMap(bytes: [1]), flags: []) }
        await call(.domainGetVcpuPinInfo) { _ = try await driver.domainGetVcpuPinInfo(ref, flags: []) }
        await call(.domainSuspend) { try await driver.domainSuspend(ref) }
        await call(.domainResume) { try await driver.domainResume(ref) }
        await call(.domainReboot) { try await driver.domainReboot(ref, flags: []) }
        await call(.domainSave) { try await driver.domainSave(ref, to: path) }
        await call(.domainRestore) { _ = try await driver.domainRestore(from: path) }
        await call(.domainShutdown) { try await driver.domainShutdown(ref, flags: []) }
        await call(.domainCreate) { _ = try await driver.domainCreate(ref, flags: []) }
        await call(.domainDestroy) { try await driver.domainDestroy(ref) }
        await call(.domainSetMaxMemory) { try await driver.domainSetMaxMemory(ref, kib: 4_194_304) }
        await call(.domainDefineXML) { _ = try await driver.domainDefineXML(xml, flags: []) }
        await call(.domainUndefine) { try await driver.domainUndefine(try await driver.domainLookupByName("ops"), flags: []) }
        await call(.domainCreateXML) { _ = try await driver.domainCreateXML(xml, flags: []) }
        let ops = try await driver.domainLookupByName("ops")
        await call(.domainGetMessages) { _ = try await driver.domainGetMessages(ops, flags: []) }
        await call(.domainManagedSaveRemove) { try await driver.domainManagedSaveRemove(ops) }
        await call(.domainSaveFlags) { try await driver.domainSaveFlags(ops, to: path, xml: nil, flags: []) }
        await call(.domainRestoreFlags) { _ = try await driver.domainRestoreFlags(from: path, xml: nil, flags: []) }
        await call(.domainDestroyFlags) { try await driver.domainDestroyFlags(ops, flags: .graceful) }
        await call(.domainCreateXMLWithFiles) { _ = try await driver.domainCreateXMLWithFiles(xml, files: [], flags: []) }
        try await driver.domainDestroy(try await driver.domainLookupByName("ops"))
        let defined = try await driver.domainDefineXML(xml, flags: [])
        await call(.domainCreateWithFiles) { _ = try await driver.domainCreateWithFiles(defined, files: [], flags: []) }
        #expect(coverage.failures(against: driver) == [])
    }
}
