import Foundation
import Testing
@testable import VirtQEMU

/// The sizes the block statistics report: a raw file's length is both; a qcow2 image's capacity is the
/// virtual size its header states.
@Suite struct DiskImageSizeTests {
    @Test("raw: capacity and physical are the file's length; qcow2: capacity from the header; others: none")
    func sizes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("disk-size-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        FileManager.default.createFile(atPath: "\(dir)/raw.img", contents: Data(count: 12_288))
        #expect(DiskImageSize.read("\(dir)/raw.img", format: "raw") == DiskImageSize(capacity: 12_288, physical: 12_288))

        // A qcow2 header: magic, version 3, no backing file, 16 cluster bits, then 1 GiB, big-endian.
        var header = Data([0x51, 0x46, 0x49, 0xFB, 0, 0, 0, 3] + [UInt8](repeating: 0, count: 12) + [0, 0, 0, 16])
        header.append(contentsOf: [0, 0, 0, 0, 0x40, 0, 0, 0])
        header.append(Data(count: 72))
        FileManager.default.createFile(atPath: "\(dir)/disk.qcow2", contents: header)
        #expect(DiskImageSize.read("\(dir)/disk.qcow2", format: "qcow2") == DiskImageSize(capacity: 1 << 30, physical: 104))

        FileManager.default.createFile(atPath: "\(dir)/bad.qcow2", contents: Data(count: 64))
        #expect(DiskImageSize.read("\(dir)/bad.qcow2", format: "qcow2") == nil, "no qcow2 magic")
        #expect(DiskImageSize.read("\(dir)/missing.img", format: "raw") == nil)
        #expect(DiskImageSize.read("/dev/null", format: "raw") == nil, "not a regular file")
    }
}
