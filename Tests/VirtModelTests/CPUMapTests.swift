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

    // Each case was run through libvirt 9.0 (`virsh -c test:///default 'vcpupin test 0 <list>'` and
    // `<vcpu cpuset='<list>'>` in `define`); the canonical form is what it printed back.
    @Test("libvirt's CPU list syntax, items applied left to right", arguments: [
        ("0-3", [0, 1, 2, 3], "0-3"),
        ("0-3,^2", [0, 1, 3], "0-1,3"),
        ("^2,0-3", [0, 1, 2, 3], "0-3"),
        ("0-3,^2,^3", [0, 1], "0-1"),
        ("0,^0,0", [0], "0"),
        ("2-3,^1", [2, 3], "2-3"),
        ("1,2,3,8", [1, 2, 3, 8], "1-3,8"),
        ("3,1,2", [1, 2, 3], "1-3"),
        ("1-1", [1], "1"),
        ("01", [1], "1"),
        ("1-3,^2,5, 7-8", [1, 3, 5, 7, 8], "1,3,5,7-8"),
    ])
    func cpuList(text: String, cpus: [Int], canonical: String) throws {
        let map = try CPUMap(cpuList: text, limit: 16)
        #expect(map.usableCPUs == cpus)
        #expect(map.cpuList == canonical)
    }

    @Test("blanks around numbers and after commas, a trailing comma, a sign on a range's end", arguments: [
        (" 1 , 2 ", "1-2"),
        ("0-3, ^2", "0-1,3"),
        ("1-3 ,^2", "1,3"),
        ("0 - 3", "0-3"),
        ("0- 3", "0-3"),
        ("1\t,2", "1-2"),
        ("1\n", "1"),
        ("1,", "1"),
        ("0-+3", "0-3"),
    ])
    func blanks(text: String, canonical: String) throws {
        #expect(try CPUMap(cpuList: text, limit: 16).cpuList == canonical)
    }

    @Test("malformed lists fail as virBitmapParse does", arguments: [
        "", " ", "a", "^", "0-", "^1-", "3-1", "^2-3", "0-7,^0-1", "1,,2", " ,1", "1 2", "0-3^2", "+1", "-1",
        "0--1", "0x1", "0-0x3", "1;2", "99999999999", "2147483648", "1-2147483648",
    ])
    func malformed(text: String) {
        #expect(throws: VirtError(.invalidArg, .none, "Failed to parse bitmap '\(text)'")) {
            try CPUMap(cpuList: text, limit: 16)
        }
    }

    @Test("every CPU named, excluded ones too, is below the limit")
    func limit() throws {
        #expect(try CPUMap(cpuList: "15", limit: 16).usableCPUs == [15])
        #expect(try CPUMap(cpuList: "16383", limit: 16384).cpuList == "16383")
        for text in ["16", "0-16", "0,^16", "16384"] {
            #expect(throws: VirtError(.invalidArg, .none, "Failed to parse bitmap '\(text)'")) {
                try CPUMap(cpuList: text, limit: 16)
            }
        }
    }

    @Test("the map is as long as its highest CPU needs, and empty when nothing is left")
    func length() throws {
        #expect(try CPUMap(cpuList: "0-3,^2", limit: 1024).bytes == [0x0b])
        #expect(try CPUMap(cpuList: "9", limit: 1024).bytes == [0x00, 0x02])
        #expect(try CPUMap(cpuList: "0-9,^8,^9", limit: 1024).bytes == [0xff])
        let none = try CPUMap(cpuList: "1,^1", limit: 1024)
        #expect(none.isEmpty)
        #expect(none.cpuList == "")
    }

    @Test("virsh's affinity strip")
    func affinityStrip() {
        #expect(CPUMap(cpuCount: 8, usable: [0, 2]).affinityString(cpuCount: 4) == "y-y-")
    }
}
