import VirtDriver
import VirtOS
import VirtXML
#if canImport(Glibc)
import Glibc
#endif

/// The save file: a header (magic, version, the domain's live XML, whether it was running) followed by
/// QEMU's migration stream, which QEMU appends itself and reads back from the recorded offset.
///
/// Layout: 16-byte magic "SwiftVirtQEMUSav", then little-endian UInt32 version (1), UInt32 XML length,
/// UInt32 flags (bit 0: running), then the XML, then the stream.
struct QEMUSaveImage {
    static let magic = Array("SwiftVirtQEMUSav".utf8)
    static let version: UInt32 = 1
    static let headerLength = 16 + 12

    var xml: String
    var wasRunning: Bool
    /// Where the migration stream starts.
    var streamOffset: Int { Self.headerLength + xml.utf8.count }

    func header() -> [UInt8] {
        var bytes = Self.magic
        for value in [Self.version, UInt32(xml.utf8.count), wasRunning ? 1 : 0] {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes + Array(xml.utf8)
    }

    /// Reads the header of a save file. Only the header is read, not the (large) stream.
    static func read(_ path: String) throws(VirtError) -> QEMUSaveImage {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw VirtError.system(errno, "cannot open save image '\(path)'", domain: .qemu) }
        defer { close(fd) }
        func readExactly(_ count: Int) throws(VirtError) -> [UInt8] {
            var buffer = [UInt8](repeating: 0, count: count)
            var filled = 0
            while filled < count {
                let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress.map { $0 + filled }, count - filled) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    throw VirtError(.invalidArg, .qemu, "'\(path)' is not a SwiftVirt QEMU save image (it is too short)")
                }
                filled += n
            }
            return buffer
        }
        let fixed = try readExactly(headerLength)
        guard Array(fixed.prefix(16)) == magic else {
            throw VirtError(.invalidArg, .qemu, "'\(path)' is not a SwiftVirt QEMU save image")
        }
        func word(_ at: Int) -> UInt32 {
            fixed[at..<at + 4].withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
        }
        guard word(16) == version else {
            throw VirtError(.configUnsupported, .qemu, "save image '\(path)' has version \(word(16)); this SwiftVirt reads version \(version)")
        }
        let length = Int(word(20))
        guard length > 0, length < 16 << 20 else {
            throw VirtError(.invalidArg, .qemu, "save image '\(path)' has a corrupt header")
        }
        let xml = String(decoding: try readExactly(length), as: UTF8.self)
        return QEMUSaveImage(xml: xml, wasRunning: word(24) & 1 != 0)
    }
}
