import Foundation
import Testing
import VirtModel

@Suite struct UUIDTests {
    @Test("parses what libvirt parses", arguments: [
        "6695eb01-f6a4-8304-79aa-97f2502e193f",
        "6695EB01F6A4830479AA97F2502E193F",
        "  6695eb01 f6a4 8304 79aa 97f2502e193f\n",
        "66-95-eb-01-f6a4830479aa97f2502e193f",
    ])
    func parses(text: String) throws {
        let uuid = try #require(UUID(libvirtString: text))
        #expect(uuid.libvirtString == "6695eb01-f6a4-8304-79aa-97f2502e193f")
    }

    @Test("refuses what libvirt refuses", arguments: [
        "", "xyz", "6695eb01-f6a4-8304-79aa-97f2502e193", "6695eb01-f6a4-8304-79aa-97f2502e193f0",
        "6695eb01-f6a4-8304-79aa-97f2502e193g", "6-695eb01f6a4830479aa97f2502e193f",
    ])
    func refuses(text: String) {
        #expect(UUID(libvirtString: text) == nil)
    }

    @Test("raw bytes round trip")
    func bytes() throws {
        let uuid = try #require(UUID(libvirtString: "6695eb01-f6a4-8304-79aa-97f2502e193f"))
        #expect(uuid.libvirtBytes.count == 16)
        #expect(uuid.libvirtBytes.first == 0x66)
        #expect(UUID(libvirtBytes: uuid.libvirtBytes) == uuid)
        #expect(UUID(libvirtBytes: [1, 2, 3]) == nil)
    }
}
