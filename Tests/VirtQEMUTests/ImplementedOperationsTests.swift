import Foundation
import Testing
import VirtDriver
@testable import VirtQEMU
import VirtTestSupport

/// Every operation the qemu driver lists is called through `any HypervisorDriver`, and none may fall back
/// to the unsupported default (``OperationCoverage``). The guest need not finish booting: a running QEMU
/// is enough to reach every operation.
@Suite(.tags(.qemuBoot), .guestSlot)
struct ImplementedOperationsTests {
    @Test("every operation the qemu driver lists is really implemented")
    func noSilentDefaults() async throws {
        let fixture = try await GuestFixture()
        defer { Task { await fixture.tearDown() } }
        let uri = try ConnectURI(parsing: fixture.uri)
        guard case .opened(let driver) = try await QEMUDriverFactory.connectDriver.open(uri, false) else {
            Issue.record("qemu:///embed declined")
            return
        }
        let path = fixture.root + "/ops.save"

        let coverage = OperationCoverage()
        let call = coverage.call
        await coverage.callHostOperations(driver)
        await call(.domainDefineXML) { _ = try await driver.domainDefineXML(fixture.xml("defined"), flags: []) }
        await call(.domainCreateXML) { _ = try await driver.domainCreateXML(fixture.xml("ops"), flags: []) }
        let ref = try await driver.domainLookupByName("ops")
        let defined = try await driver.domainLookupByName("defined")
        await call(.connectNumOfDomains) { let value = try await driver.connectNumOfDomains(); #expect(value == 1) }
        await call(.connectListDomains) { let value = try await driver.connectListDomains(); #expect(value == [ref.id]) }
        await call(.connectNumOfDefinedDomains) { let value = try await driver.connectNumOfDefinedDomains(); #expect(value == 1) }
        await call(.connectListDefinedDomains) { let value = try await driver.connectListDefinedDomains(); #expect(value == ["defined"]) }
        await call(.connectListAllDomains) { let value = try await driver.connectListAllDomains(flags: [.persistent]); #expect(value == [defined]) }
        await call(.domainLookupByID) { let value = try await driver.domainLookupByID(ref.id); #expect(value == ref) }
        await call(.domainLookupByUUID) { let value = try await driver.domainLookupByUUID(ref.uuid); #expect(value == ref) }
        await call(.domainLookupByName) { let value = try await driver.domainLookupByName("ops"); #expect(value == ref) }
        await call(.domainGetInfo) { _ = try await driver.domainGetInfo(ref) }
        await call(.domainGetState) { _ = try await driver.domainGetState(ref) }
        await call(.domainGetOSType) { let value = try await driver.domainGetOSType(ref); #expect(value == "hvm") }
        await call(.domainGetXMLDesc) { let xml = try await driver.domainGetXMLDesc(ref, flags: []); #expect(xml.contains("id='\(ref.id)'")) }
        await call(.domainGetMaxMemory) { let value = try await driver.domainGetMaxMemory(ref); #expect(value == 192 * 1024) }
        await call(.domainIsActive) { let value = try await driver.domainIsActive(ref); #expect(value == true) }
        await call(.domainIsPersistent) { let value = try await driver.domainIsPersistent(ref); #expect(value == false) }
        await call(.domainGetAutostart) { let value = try await driver.domainGetAutostart(ref); #expect(value == false) }
        await call(.domainHasManagedSaveImage) { let value = try await driver.domainHasManagedSaveImage(ref); #expect(value == false) }
        await call(.domainGetSecurityLabel) { _ = try await driver.domainGetSecurityLabel(ref) }
        await call(.domainBlockStats) { let value = try await driver.domainBlockStats(ref, path: ""); #expect(value.errors == -1) }
        await call(.domainBlockStatsFlags) { let value = try await driver.domainBlockStatsFlags(ref, path: "", flags: 1 << 2); #expect(value.count == 8) }
        await call(.domainSetMemoryStatsPeriod) { try await driver.domainSetMemoryStatsPeriod(ref, period: 5, flags: .live) }
        await call(.domainMemoryStats) {
            let value = try await driver.domainMemoryStats(ref, maxStats: MemoryStatTag.knownCount, flags: 0)
            #expect(value.first?.tag == .actualBalloon && value.last?.tag == .rss)
        }
        await call(.domainInterfaceStats) {
            // The guest has no NIC: the driver itself answers that the name is none of its interfaces.
            let error = await #expect(throws: VirtError.self) { _ = try await driver.domainInterfaceStats(ref, device: "vnet0") }
            #expect(error?.message == "invalid argument: 'vnet0' is not a known interface")
        }
        await call(.connectGetAllDomainStats) {
            let value = try await driver.connectGetAllDomainStats([ref], stats: [], flags: [])
            #expect(value.first?.parameters.first?.field == "state.state")
        }
        await call(.domainSetMemoryFlags) { try await driver.domainSetMemoryFlags(ref, kib: 160 * 1024, flags: .live) }
        await call(.domainSetVcpusFlags) { try await driver.domainSetVcpusFlags(ref, count: 2, flags: .live) }
        await call(.domainGetVcpusFlags) { _ = try await driver.domainGetVcpusFlags(ref, flags: []) }
        await call(.domainGetVcpus) { _ = try await driver.domainGetVcpus(ref) }
        await call(.domainPinVcpuFlags) { try await driver.domainPinVcpuFlags(ref, vcpu: 0, map: CPUMap(bytes: [1]), flags: .live) }
        await call(.domainGetVcpuPinInfo) { _ = try await driver.domainGetVcpuPinInfo(ref, flags: []) }
        await call(.domainOpenConsole) {
            // The fixture's serial port is a file: the driver itself says so (ConsoleTests opens a pty).
            let error = await #expect(throws: VirtError.self) { _ = try await driver.domainOpenConsole(ref, device: nil, flags: []) }
            #expect(error?.message == "internal error: character device serial0 is not using a PTY")
        }
        await call(.domainSuspend) { try await driver.domainSuspend(ref) }
        await call(.domainResume) { try await driver.domainResume(ref) }
        await call(.domainSave) { try await driver.domainSave(ref, to: path) }
        await call(.domainRestore) { _ = try await driver.domainRestore(from: path) }
        let restored = try await driver.domainLookupByName("ops")
        // A reboot waits for the guest to power off (up to 30 s without a daemon); asked of a shut-off domain
        // it answers at once, which is all this test needs: the driver's own implementation answering.
        await call(.domainReboot) {
            let error = await #expect(throws: VirtError.self) { try await driver.domainReboot(defined, flags: []) }
            #expect(error?.code == .operationInvalid)
        }
        await call(.domainShutdown) { try await driver.domainShutdown(restored, flags: []) }
        await call(.domainCreate) { _ = try await driver.domainCreate(defined, flags: []) }
        await call(.domainDestroy) { try await driver.domainDestroy(try await driver.domainLookupByName("defined")) }
        await call(.domainUndefine) { try await driver.domainUndefine(defined, flags: []) }
        #expect(coverage.failures(against: driver) == [])
    }
}
