import Foundation
import Testing
import Virt

/// qemu:/// state directories under hostile input and damage, without booting a guest.
@Suite struct StateDirectoryTests {
    @Test("a maximum vCPU count no definition may hold is refused, and the definition still reads")
    func vcpuMaximumIsBounded() async throws {
        let root = try EmbeddedRoot()
        let conn = try await root.open()
        defer { conn.close() }
        let dom = try await conn.defineDomain(xml: EmbeddedRoot.xml("a"))
        let error = await #expect(throws: VirtError.self) { try await dom.setVcpus(UInt32.max, flags: [.config, .maximum]) }
        #expect(error?.code == .configUnsupported)
        #expect(try await dom.vcpuCount(flags: [.config, .maximum]) == 2)
        #expect(try await conn.domains().map(\.name) == ["a"])
    }
}
