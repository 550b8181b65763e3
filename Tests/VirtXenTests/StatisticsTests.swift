import Foundation
import Testing
import Virt
import VirtOS
import VirtXML
@testable import VirtXen

/// A running domain's vifs, named as libvirt's libxl driver names them, and their counters and its phy
/// disks' blkback counters in dom0.
@Suite struct StatisticsTests {
    static let devices = """
        <interface type='bridge'><mac address='00:16:3e:00:00:01'/><source bridge='xenbr0'/></interface>
        <interface type='ethernet'><mac address='00:16:3e:00:00:02'/><target dev='lo'/></interface>
        """

    @Test("vif<id>.<devid> in the live XML only; counters of dom0's device, turned round to the guest's view")
    func vifNamesAndCounters() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let dom = try await conn.createDomain(xml: XenFixture.pvXML(name: "net", devices: Self.devices))
        let vif = "vif\(dom.id).0"
        let live = try await dom.xmlDescription()
        #expect(live.contains("<target dev='\(vif)'/>"))
        #expect(live.contains("<target dev='lo'/>"), "a name the definition gives is kept")

        // This host has no such vif; the messages are libvirt's.
        let missing = await #expect(throws: VirtError.self) { try await dom.interfaceStats(device: vif) }
        #expect(missing?.message == "internal error: /proc/net/dev: Interface not found")
        let byMAC = await #expect(throws: VirtError.self) { try await dom.interfaceStats(device: "00:16:3e:00:00:01") }
        #expect(byMAC?.message == missing?.message)
        let unknown = await #expect(throws: VirtError.self) { try await dom.interfaceStats(device: "vif99.9") }
        #expect(unknown?.code == .invalidArg)
        #expect(unknown?.message == "invalid argument: 'vif99.9' is not a known interface")

        // A device the host has: what it sent, the guest received.
        let before = try #require(NetDeviceCounters.read("lo"))
        let stats = try await dom.interfaceStats(device: "00:16:3e:00:00:02")
        let after = try #require(NetDeviceCounters.read("lo"))
        #expect((before.transmittedBytes...after.transmittedBytes).contains(stats.receivedBytes))
        #expect((before.receivedPackets...after.receivedPackets).contains(stats.transmittedPackets))

        // The generated name is run-time state: a save image's XML read back drops it, and the restored
        // domain (a new id) gets its own.
        let image = fixture.root + "/net.save"
        try await dom.save(to: image)
        let restored = try await conn.restoreDomain(from: image)
        #expect(restored.id != dom.id)
        let again = try await restored.xmlDescription()
        #expect(again.contains("<target dev='vif\(restored.id).0'/>"))
        #expect(!again.contains("<target dev='\(vif)'/>"))
        #expect(try await !restored.xmlDescription(flags: .inactive).contains("vif"))
        try await restored.destroy()
        await #expect(throws: VirtError.self) { try await restored.interfaceStats(device: "lo") }
    }

    @Test("a definition read as configuration drops a vif name, as libvirt's libxl driver does; an emulated NIC's tap is vif<id>.<devid>-emu")
    func generatedNamesAreNotConfiguration() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let given = "<interface type='bridge'><source bridge='xenbr0'/><target dev='vif5.0'/></interface>"
        let dom = try await conn.defineDomain(xml: XenFixture.pvXML(name: "kept", devices: given))
        #expect(try await !dom.xmlDescription().contains("vif5.0"))

        let nics = [XenDomainConfig.NIC(deviceID: 0, nicType: "vif_ioemu"), XenDomainConfig.NIC(deviceID: 1, nicType: "vif")]
        let named = XenDriver.namingHostInterfaces(
            [Interface(type: .bridge), Interface(type: .bridge)], domainID: 7, nics: nics)
        #expect(named.map(\.targetDev) == ["vif7.0-emu", "vif7.1"])
    }

    @Test("a phy disk's blkback counters: sectors as bytes, summed over every disk for an empty path; libvirt's refusals")
    func blkbackCounters() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let disks = """
            <disk type='block' device='disk'><driver name='phy'/><source dev='/dev/null'/><target dev='xvda' bus='xen'/></disk>
            <disk type='block' device='disk'><driver name='phy'/><source dev='/dev/zero'/><target dev='xvdb' bus='xen'/></disk>
            """
        let dom = try await conn.createDomain(xml: XenFixture.pvXML(name: "blk", devices: disks))
        let vbd = "\(fixture.blockStatisticsRoot)/vbd-\(dom.id)-51712/statistics"
        let missing = await #expect(throws: VirtError.self) { try await dom.blockStats(path: "xvda") }
        #expect(missing?.message == "operation failed: cannot open bus path")

        let counters = ["f_req": 3, "wr_req": 20, "rd_req": 10, "wr_sect": 160, "rd_sect": 80, "ds_req": 1, "oo_req": 2]
        for (base, number) in [(vbd, 0), (vbd.replacingOccurrences(of: "-51712/", with: "-51728/"), 1)] {
            try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
            for (name, value) in counters { try "\(value + number)\n".write(toFile: "\(base)/\(name)", atomically: true, encoding: .utf8) }
        }
        let xvda = try await dom.blockStats(path: "xvda")
        #expect(xvda == DomainBlockStats(readRequests: 10, readBytes: 80 * 512, writeRequests: 20, writeBytes: 160 * 512, errors: 2))
        let all = try await dom.blockStats(path: "")
        #expect(all == DomainBlockStats(readRequests: 21, readBytes: 161 * 512, writeRequests: 41, writeBytes: 321 * 512, errors: 5))
        let parameters = try await dom.blockStatsParameters(path: "/dev/zero")
        #expect(parameters.map(\.field) == ["wr_bytes", "wr_operations", "rd_bytes", "rd_operations", "flush_operations", "errs"])
        let values: [TypedParameterValue] = [.llong(161 * 512), .llong(21), .llong(81 * 512), .llong(11), .llong(4), .llong(3)]
        #expect(parameters.map(\.value) == values)

        try FileManager.default.removeItem(atPath: "\(vbd)/oo_req")
        let unreadable = await #expect(throws: VirtError.self) { try await dom.blockStats(path: "xvda") }
        #expect(unreadable?.message == "operation failed: cannot read \(vbd)/oo_req")
        let unknown = await #expect(throws: VirtError.self) { try await dom.blockStats(path: "xvdz") }
        #expect(unknown?.code == .operationInvalid)
        #expect(unknown?.message == "Requested operation is not valid: invalid path: xvdz")
        try await dom.destroy()

        let other = """
            <disk type='file' device='disk'><source file='/tmp/x.img'/><target dev='xvda' bus='xen'/></disk>
            <disk type='block' device='disk'><driver name='phy' type='qcow2'/><source dev='/dev/null'/><target dev='xvdb' bus='xen'/></disk>
            """
        let qdisk = try await conn.createDomain(xml: XenFixture.pvXML(name: "qdisk", devices: other))
        let unsupported = await #expect(throws: VirtError.self) { try await qdisk.blockStats(path: "xvda") }
        #expect(unsupported?.code == .operationUnsupported)
        #expect(unsupported?.message == "Operation not supported: unsupported disk driver qemu")
        let format = await #expect(throws: VirtError.self) { try await qdisk.blockStats(path: "xvdb") }
        #expect(format?.message == "Operation not supported: unsupported format qcow2")
        try await qdisk.destroy()
    }

    @Test("Xen's numbers of virtual disks, as libxl and libvirt compute them")
    func deviceNumbers() {
        let expected: [(String, Int?)] = [
            ("xvda", 51712), ("xvdb", 51728), ("xvda1", 51713), ("xvdp15", 51967), ("xvdq", 268_439_552),
            ("xvdq1", 268_439_553), ("hda", 768), ("hdb", 832), ("hdc", 5632), ("hdd", 5696), ("hde", nil),
            ("sda", 2048), ("sdc", 2080), ("sdq", nil), ("d0p0", 51712), ("d1p2", 51730), ("vda", nil), ("xvd", nil),
        ]
        for (name, number) in expected {
            #expect(XenBlockCounters.deviceNumber(name) == number, "\(name)")
        }
    }
}
