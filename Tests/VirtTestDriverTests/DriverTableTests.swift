import Testing
import VirtDriver
@testable import VirtTestDriver
import VirtTestSupport

/// The test:/// table checked against the driver (``DriverTableCheck``).
@Suite struct DriverTableTests {
    @Test("the test driver's table says truly where each operation is implemented")
    func tableIsTrue() async throws {
        let driver: any HypervisorDriver = TestDriver(store: TestStore(try TestHost.makeDefault()))
        #expect(await DriverTableCheck.failures(of: driver) == [])
        #expect(try await driver.connectListAllDomains(flags: []).map(\.name) == ["test"], "the check changed nothing")
    }
}
