import Foundation
import Testing
import VirtDriver
import VirtDriverState

@Suite struct SaveImageTests {
    static let qemu = SaveImageFormat(magic: "SwiftVirtQEMUSav", name: "a SwiftVirt QEMU save image", errorDomain: .qemu)
    static let xen = SaveImageFormat(magic: "SwiftVirtXenSave", name: "a SwiftVirt Xen save image", errorDomain: .libxl)

    @Test func headerRoundTripsAndLeavesTheStreamAfterIt() throws {
        let scratch = try ScratchDirectory()
        for (format, running) in [(Self.qemu, true), (Self.xen, false)] {
            let image = SaveImage(format: format, xml: "<domain type='xen'><name>é</name></domain>", wasRunning: running)
            try scratch.write("image", image.header() + Array("STREAM".utf8))
            let read = try SaveImage.read(scratch.path + "/image", format: format)
            #expect(read == image)
            #expect(read.streamOffset == SaveImage.headerLength + image.xml.utf8.count)

            let fd = open(scratch.path + "/image", O_RDONLY)
            defer { close(fd) }
            _ = try SaveImage.read(fd, path: "image", format: format)
            var rest = [UInt8](repeating: 0, count: 16)
            let n = rest.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, 16) }
            #expect(String(decoding: rest.prefix(max(n, 0)), as: UTF8.self) == "STREAM")
        }
    }

    @Test func anotherDriversImageIsRefusedByName() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("image", SaveImage(format: Self.xen, xml: "<domain/>", wasRunning: true).header())
        let error = #expect(throws: VirtError.self) { try SaveImage.read(scratch.path + "/image", format: Self.qemu) }
        #expect(error?.code == .invalidArg)
        #expect(error?.domain == .qemu)
        #expect(error?.message == "invalid argument: '\(scratch.path)/image' is not a SwiftVirt QEMU save image")
    }

    @Test func damagedHeadersFailCleanly() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path + "/image"
        let good = SaveImage(format: Self.xen, xml: "<domain/>", wasRunning: true).header()

        try scratch.write("image", Array("SwiftVirtXenSave".utf8))
        let short = #expect(throws: VirtError.self) { try SaveImage.read(path, format: Self.xen) }
        #expect(short?.message == "invalid argument: '\(path)' is not a SwiftVirt Xen save image (it is too short)")

        var future = good
        future[16] = 9
        try scratch.write("image", future)
        let version = #expect(throws: VirtError.self) { try SaveImage.read(path, format: Self.xen) }
        #expect(version?.code == .configUnsupported)

        var corrupt = good
        corrupt.replaceSubrange(20..<24, with: [0xff, 0xff, 0xff, 0x7f])
        try scratch.write("image", corrupt)
        let length = #expect(throws: VirtError.self) { try SaveImage.read(path, format: Self.xen) }
        #expect(length?.message == "invalid argument: save image '\(path)' has a corrupt header")

        try scratch.write("image", Array(good.dropLast(3)))
        let truncated = #expect(throws: VirtError.self) { try SaveImage.read(path, format: Self.xen) }
        #expect(truncated?.code == .invalidArg)

        let missing = #expect(throws: VirtError.self) { try SaveImage.read(scratch.path + "/none", format: Self.xen) }
        #expect(missing?.code == .systemError)
        #expect(missing?.domain == .libxl)
    }
}
