import Foundation
import Testing
import Virt

/// test:///PATH node files, against what libvirt 9.0 reads from the same file (Fixtures/node.xml).
@Suite struct TestNodeFileTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    @Test("node, domains, states and ids come from the file")
    func loads() async throws {
        let conn = try await Connection.open("test://\(Self.fixtures)/node.xml")
        defer { conn.close() }
        #expect(try await conn.nodeInfo() == NodeInfo(
            model: "x86_64", memoryKiB: 8_388_608, cpus: 3, mhz: 2400, nodes: 1, sockets: 1, cores: 4, threads: 1))
        #expect(try await conn.domainIDs() == [1, 2])
        #expect(try await conn.definedDomainNames() == ["stopped"])

        let fromFile = try await conn.lookupDomain(name: "fromfile")
        #expect(fromFile.id == 1)
        #expect(try await fromFile.state() == DomainStateInfo.running(.unknown))
        #expect(try await fromFile.isPersistent())
        let inline = try await conn.lookupDomain(name: "inline")
        #expect(inline.id == 2)
        #expect(try await inline.state() == DomainStateInfo.paused(.unknown))
        #expect(try await !inline.isPersistent())
        #expect(try await inline.info().maxMemoryKiB == 262_144)
        let stopped = try await conn.lookupDomain(name: "stopped")
        #expect(stopped.id == -1)
        #expect(try await stopped.info().state == .shutoff)

        // The test driver's own elements are consumed, not echoed; interfaces get testnetN names.
        #expect(try await inline.xmlDescription() == """
            <domain type='test' id='2'>
              <name>inline</name>
              <uuid>0b8f6b34-0e65-4cd2-a8ee-6d0c5a1e6f01</uuid>
              <memory unit='KiB'>262144</memory>
              <currentMemory unit='KiB'>262144</currentMemory>
              <vcpu placement='static'>2</vcpu>
              <os>
                <type arch='i686'>hvm</type>
                <boot dev='hd'/>
              </os>
              <clock offset='utc'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
              </devices>
            </domain>

            """)
        #expect(try await fromFile.xmlDescription().contains("""
                <interface type='user'>
                  <mac address='52:54:00:aa:bb:cc'/>
                  <target dev='testnet0'/>
                </interface>
            """))
    }

    @Test("each connection to a file has its own state")
    func separate() async throws {
        let first = try await Connection.open("test://\(Self.fixtures)/node.xml")
        let second = try await Connection.open("test://\(Self.fixtures)/node.xml")
        try await first.lookupDomain(name: "fromfile").destroy()
        #expect(try await second.lookupDomain(name: "fromfile").isActive())
    }

    @Test("bad paths and files fail clearly")
    func errors() async {
        await expectVirtError(.invalidArg, .test, "invalid argument: testOpen: supply a path or use test:///default") {
            try await Connection.open("test:///")
        }
        // libvirt 9.0 reports the node file's errors from the test driver (python3-libvirt: 27 12).
        await expectVirtError(.xmlError, .test, "XML error: failed to parse xml document '/nonexistent.xml'") {
            try await Connection.open("test:///nonexistent.xml")
        }
    }
}
