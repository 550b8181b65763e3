import Testing
import VirtModel
@testable import VirtXML

@Suite struct ValuesTests {
    @Test(arguments: [
        (UInt64(1), "b", UInt64(1)), (1, "bytes", 1), (1, nil, 1024), (1, "k", 1024), (1, "KiB", 1024), (1, "KB", 1000),
        (1, "M", 1_048_576), (1, "MiB", 1_048_576), (1, "MB", 1_000_000), (1, "G", 1 << 30), (1, "GB", 1_000_000_000),
        (1, "T", 1 << 40), (1, "TiB", 1 << 40), (1, "TB", 1_000_000_000_000), (1, "P", 1 << 50), (1, "e", 1 << 60),
        (0, "EiB", 0),
    ] as [(UInt64, String?, UInt64)])
    func memoryUnitsScaleAsLibvirt(_ value: UInt64, _ unit: String?, _ bytes: UInt64) throws {
        #expect(try MemorySize.scale(value, unit: unit) == bytes)
    }

    @Test("enumerated attributes are typed but open: known values by name, others kept as written")
    func keywords() throws {
        let xml = """
            <domain type='qemu'><name>k</name><memory>65536</memory><os><type>hvm</type></os>
              <cpu mode='host-passthrough'/>
              <devices>
                <disk type='block' device='cdrom'><source dev='/dev/sr0'/><target dev='hdc' bus='ide'/></disk>
                <interface type='bridge'><source bridge='br0'/></interface>
              </devices>
            </domain>
            """
        let def = try DomainDefinition(xml: xml, defaults: .qemu)
        let disk = try #require(def.devices.disks.first)
        #expect(disk.type == .block && disk.device == .cdrom)
        #expect(def.devices.interfaces.first?.type == .bridge)
        #expect(def.cpu?.mode == .hostPassthrough)
        switch disk.type {
        case "block": break
        default: Issue.record("a literal matches in a switch")
        }
        let future = DiskType(rawValue: "future-kind")
        #expect(future != .file && future.description == "future-kind")
        #expect(def.xml().contains("<disk type='block' device='cdrom'>"))
    }

    @Test func memoryUnitErrors() {
        #expect(throws: VirtError(.invalidArg, .none, "unknown suffix 'KiBB'")) {
            try MemorySize.scale(1, unit: "KiBB")
        }
        #expect(throws: VirtError(.overflow, .none, "value too large: 9EiB")) {
            try MemorySize.scale(9, unit: "EiB")
        }
        #expect(MemorySize.kibibytes(fromBytes: 1025) == 2)
        #expect(MemorySize.kibibytes(fromBytes: 1024) == 1)
    }

    @Test func macAddresses() {
        #expect(MACAddress(parsing: "52:54:00:AB:cd:1")?.text == "52:54:00:ab:cd:01")
        #expect(MACAddress(parsing: "52:54:00:ab:cd:01 ")?.text == "52:54:00:ab:cd:01")
        #expect(MACAddress(parsing: "52:54:00:ab:cd") == nil)
        #expect(MACAddress(parsing: "52:54:00:ab:cd:001") == nil)
        #expect(MACAddress(parsing: " 52:54:00:ab:cd:01") == nil)
        #expect(MACAddress(parsing: "01:00:00:00:00:00")?.isMulticast == true)
        let generated = DomainDefinition.generatedMAC(prefix: [0x52, 0x54, 0x00])
        #expect(generated.hasPrefix("52:54:00:"))
        #expect(MACAddress(parsing: generated)?.text == generated)
    }


    @Test func diskNames() {
        #expect(DiskName.index("hda") == 0)
        #expect(DiskName.index("sdz") == 25)
        #expect(DiskName.index("vdaa") == 26)
        #expect(DiskName.index("xvdb1") == 1)
        #expect(DiskName.index("fda") == 0)
        #expect(DiskName.index("foo") == -1)
        #expect(DiskName.index("hd") == -1)
    }
}
