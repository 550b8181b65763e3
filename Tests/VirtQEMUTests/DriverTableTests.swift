import Testing
import VirtDriver
@testable import VirtQEMU
import VirtTestSupport

/// The qemu:/// table checked against the driver without booting anything (``DriverTableCheck``).
@Suite struct DriverTableTests {
    @Test("the qemu driver's table says truly where each operation is implemented")
    func tableIsTrue() async throws {
        let root = try EmbeddedRoot()
        guard case .opened(let driver) = try await QEMUDriverFactory.connectDriver.open(try ConnectURI(parsing: root.uri), false) else {
            Issue.record("qemu:///embed declined")
            return
        }
        defer { driver.connectClose() }
        #expect(await DriverTableCheck.failures(of: driver) == [])
        #expect(!(driver is any ImmediateQueries), "its queries read files and ask QEMU: they may wait")
        #expect(root.files(in: root.config) == [], "the check changed nothing")
    }
}
