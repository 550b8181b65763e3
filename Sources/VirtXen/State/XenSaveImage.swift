import VirtDriver
import VirtOS
#if canImport(Glibc)
import Glibc
#endif

/// The save file: SwiftVirt's header (magic, version, the domain's live XML, whether it was running)
/// followed by Xen's own save stream, which libxenlight writes and reads back from the recorded offset.
///
/// Layout: 16-byte magic "SwiftVirtXenSave", then little-endian UInt32 version (1), UInt32 XML length,
/// UInt32 flags (bit 0: running), then the XML, then libxl's stream (migration stream version 2).
struct XenSaveImage: Sendable, Hashable {
    static let magic = Array("SwiftVirtXenSave".utf8)
    static let version: UInt32 = 1
    static let headerLength = 16 + 12

    var xml: String
    var wasRunning: Bool
    /// Where Xen's stream starts.
    var streamOffset: Int { Self.headerLength + xml.utf8.count }

    func header() -> [UInt8] {
        var bytes = Self.magic
        for value in [Self.version, UInt32(xml.utf8.count), wasRunning ? 1 : 0] {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes + Array(xml.utf8)
    }

    /// Reads the header of a save file (not the stream).
    static func read(_ path: String) throws(VirtError) -> XenSaveImage {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw VirtError.system(errno, "cannot open save image '\(path)'", domain: .libxl) }
        defer { close(fd) }
        return try read(fd, path: path)
    }

    /// Reads the header from `fd`, leaving it at the start of the stream.
    static func read(_ fd: Int32, path: String) throws(VirtError) -> XenSaveImage {
        func readExactly(_ count: Int) throws(VirtError) -> [UInt8] {
            var buffer = [UInt8](repeating: 0, count: count)
            var filled = 0
            while filled < count {
                let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress.map { $0 + filled }, count - filled) }
                if n < 0 && errno == EINTR { continue }
                if n < 0 { throw VirtError.system(errno, "cannot read save image '\(path)'", domain: .libxl) }
                guard n > 0 else {
                    throw VirtError(.invalidArg, .libxl, "'\(path)' is not a SwiftVirt Xen save image (it is too short)")
                }
                filled += n
            }
            return buffer
        }
        let fixed = try readExactly(headerLength)
        guard Array(fixed.prefix(16)) == magic else {
            throw VirtError(.invalidArg, .libxl, "'\(path)' is not a SwiftVirt Xen save image")
        }
        func word(_ at: Int) -> UInt32 {
            fixed[at..<at + 4].withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
        }
        guard word(16) == version else {
            throw VirtError(.configUnsupported, .libxl, "save image '\(path)' has version \(word(16)); this SwiftVirt reads version \(version)")
        }
        let length = Int(word(20))
        guard length > 0, length < 16 << 20 else {
            throw VirtError(.invalidArg, .libxl, "save image '\(path)' has a corrupt header")
        }
        let xml = String(decoding: try readExactly(length), as: UTF8.self)
        return XenSaveImage(xml: xml, wasRunning: word(24) & 1 != 0)
    }
}
