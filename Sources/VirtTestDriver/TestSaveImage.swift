import VirtDriver
import VirtOS
import VirtXML

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

    static func read(from path: String, defaults: DefinitionDefaults) throws(VirtError) -> DomainDefinition {
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(path)
        } catch {
            throw VirtError.system(error.errno, "cannot read domain image '\(path)'", domain: .test)
        }
        guard bytes.count >= magic.count else {
            throw VirtError.system(0, "incomplete save header in '\(path)'", domain: .test)
        }
        guard bytes.prefix(magic.count).elementsEqual(magic) else {
            throw VirtError(.internalError, .test, "mismatched header magic")
        }
        let start = magic.count + 4
        guard bytes.count >= start else {
            throw VirtError.system(0, "failed to read metadata length in '\(path)'", domain: .test)
        }
        let length = bytes[magic.count..<start].withUnsafeBytes { Int($0.loadUnaligned(as: Int32.self)) }
        guard length >= 1, length <= maxXMLLength else {
            throw VirtError(.internalError, .test, "length of metadata out of range")
        }
        guard bytes.count >= start + length else {
            throw VirtError.system(0, "incomplete metadata in '\(path)'", domain: .test)
        }
        var def = try DomainDefinition(xml: String(decoding: bytes[start..<start + length], as: UTF8.self), defaults: defaults)
        def.id = nil
        return def
    }
}
