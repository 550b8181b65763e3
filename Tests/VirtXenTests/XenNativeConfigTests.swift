import Testing
import Virt
import VirtDriver
@testable import VirtXen

/// virsh domxml-to-native / domxml-from-native on xen:///, through VirtXenConfig.
@Suite struct XenNativeConfigTests {
    static let pvhXML = """
        <domain type='xen'>
          <name>native</name>
          <memory unit='MiB'>128</memory>
          <vcpu cpuset='1'>1</vcpu>
          <os>
            <type>xenpvh</type>
            <kernel>/scratch/vmlinux.gz</kernel>
            <initrd>/scratch/initrd.gz</initrd>
            <cmdline>console=hvc0</cmdline>
          </os>
          <clock offset='utc'><timer name='tsc' mode='native'/></clock>
        </domain>
        """

    @Test("the xl.cfg keeps what the lab's xl create needs: PVH, the pinning off pCPU 0, a native TSC")
    func toNative() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let config = try await conn.domainXMLToNative(format: .xenXL, xml: Self.pvhXML)
        for line in ["name = \"native\"", "type = \"pvh\"", "cpus = \"1\"", "tsc_mode = \"native\"", "kernel = \"/scratch/vmlinux.gz\""] {
            #expect(config.contains(line), "\(line) in:\n\(config)")
        }
        let back = try await conn.domainXMLFromNative(format: .xenXL, config: config)
        #expect(back.contains("<vcpu placement='static' cpuset='1'>1</vcpu>"))
        #expect(back.contains("<timer name='tsc' present='yes' mode='native'/>"))
    }

    @Test func otherFormatsAreRefused() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let error = await #expect(throws: VirtError.self) { try await conn.domainXMLToNative(format: .qemuArgv, xml: Self.pvhXML) }
        #expect(error?.message == "invalid argument: unsupported config type qemu-argv")
    }
}
