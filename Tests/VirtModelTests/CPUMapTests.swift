import Testing
import VirtModel

@Suite struct CPUMapTests {
    @Test("the seed's macros: maplen, use, unuse, usable")
    func macros() {
        #expect(CPUMap.byteCount(forCPUs: 1) == 1)
        #expect(CPUMap.byteCount(forCPUs: 8) == 1)
        #expect(CPUMap.byteCount(forCPUs: 9) == 2)
        var map = CPUMap(length: 2)
        map.use(0)
        map.use(9)
        #expect(map.bytes == [0x01, 0x02])
        #expect(map.isUsable(9))
        #expect(!map.isUsable(8))
        #expect(!map.isUsable(100))
        map.unuse(9)
        #expect(map.bytes == [0x01, 0x00])
        map.use(17)
        #expect(map.bytes == [0x01, 0x00, 0x02])
    }

    @Test("packed maps split and pack per vCPU (VIR_GET_CPUMAP / VIR_COPY_CPUMAP)")
    func packed() {
        let packed: [UInt8] = [0x01, 0x00, 0xff, 0x01]
        let maps = CPUMap.maps(in: packed, mapLength: 2)
        #expect(maps == [CPUMap(bytes: [0x01, 0x00]), CPUMap(bytes: [0xff, 0x01])])
        #expect(maps[1].usableCPUs == [0, 1, 2, 3, 4, 5, 6, 7, 8])
        #expect(CPUMap.pack(maps, mapLength: 1) == [0x01, 0xff])
    }

    @Test("libvirt's CPU list syntax", arguments: [
        ("0-3", [0, 1, 2, 3], "0-3"),
        ("0-3,^2", [0, 1, 3], "0-1,3"),
        ("5, 7", [5, 7], "5,7"),
        ("1,2,3,8", [1, 2, 3, 8], "1-3,8"),
    ])
    func cpuList(text: String, cpus: [Int], canonical: String) throws {
        let map = try #require(CPUMap(cpuList: text, cpuCount: 16))
        #expect(map.usableCPUs == cpus)
        #expect(map.cpuList == canonical)
    }

    @Test("bad CPU lists are refused", arguments: ["", "a", "3-1", "16", "0-16", "1,,2", "^1", "-1"])
    func badCPUList(text: String) {
        #expect(CPUMap(cpuList: text, cpuCount: 16) == nil)
    }

    @Test("virsh's affinity strip")
    func affinityStrip() {
        #expect(CPUMap(cpuCount: 8, usable: [0, 2]).affinityString(cpuCount: 4) == "y-y-")
    }
}
