import Testing
import VirtDriver
import VirtTestSupport
@testable import VirtXen

/// The xen:/// table checked against the driver without building any domain (``DriverTableCheck``).
@Suite struct DriverTableTests {
    @Test("the xen driver's table says truly where each operation is implemented")
    func tableIsTrue() async throws {
        let fixture = try XenFixture()
        let driver: any HypervisorDriver = try fixture.driver()
        #expect(await DriverTableCheck.failures(of: driver) == [])
        #expect(!(driver is any ImmediateQueries), "its queries ask the toolstack: they may wait")
        #expect(try await driver.connectListAllDomains(flags: []).map(\.name) == ["Domain-0"], "the check changed nothing")
    }
}
