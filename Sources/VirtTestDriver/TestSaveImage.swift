import VirtDriver
import VirtOS
import VirtXML
#if canImport(Glibc)
import Glibc
#endif

/// The test driver's save file, in libvirt's test-driver layout so files move between the two:
/// the magic "TestGuestMagic" with its NUL (15 bytes), the XML's length as a native 32-bit int, the XML.
enum TestSaveImage {
    static let magic: [UInt8] = Array("TestGuestMagic".utf8) + [0]
    /// The longest XML accepted. libvirt stops at 8192 bytes, which makes its own saves of large domains
    /// unreadable; we read anything a sane definition needs.
    static let maxXMLLength = 16 << 20

    static func write(_ def: DomainDefinition, to path: String) throws(VirtError) {
        let xml = Array(def.xml([.secure]).utf8)
        var bytes = magic
        withUnsafeBytes(of: Int32(xml.count)) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: xml)
        do {
            try FileIO.write(path, bytes, mode: 0o600)
        } catch {
            let step = error.operation == .open ? "open failed" : "write failed"
            throw VirtError.system(error.errno, "saving domain '\(def.name)' to '\(path)': \(step)", domain: .test)
        }
    }

    /// Reads as libvirt's testDomainRestoreFlags does, with its messages: the magic first, then the length,
    /// bounded before anything of that size is read, then the XML. Never more than the header says.
    static func read(from path: String, defaults: DefinitionDefaults) throws(VirtError) -> DomainDefinition {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw VirtError.system(errno, "cannot read domain image '\(path)'", domain: .test) }
        defer { close(fd) }
        func read(_ count: Int, orFail message: String) throws(VirtError) -> [UInt8] {
            let bytes: [UInt8]
            do {
                bytes = try FileIO.read(fd, upTo: count, path: path)
            } catch {
                throw VirtError.system(error.errno, message, domain: .test)
            }
            guard bytes.count == count else { throw VirtError.system(0, message, domain: .test) }
            return bytes
        }
        let header = try read(magic.count, orFail: "incomplete save header in '\(path)'")
        guard header == magic else {
            throw VirtError(.internalError, .test, "mismatched header magic")
        }
        let lengthBytes = try read(4, orFail: "failed to read metadata length in '\(path)'")
        let length = lengthBytes.withUnsafeBytes { Int($0.loadUnaligned(as: Int32.self)) }
        guard length >= 1, length <= maxXMLLength else {
            throw VirtError(.internalError, .test, "length of metadata out of range")
        }
        let xml = try read(length, orFail: "incomplete metadata in '\(path)'")
        var def = try DomainDefinition(xml: String(decoding: xml, as: UTF8.self), defaults: defaults)
        def.id = nil
        return def
    }
}
