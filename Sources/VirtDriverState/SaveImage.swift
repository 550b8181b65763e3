import VirtDriver
import VirtOS
#if canImport(Glibc)
import Glibc
#endif

/// Which driver's save files these are: each driver's images start with their own magic, so one driver
/// never mistakes another's stream for its own.
public struct SaveImageFormat: Sendable, Hashable {
    /// 16 bytes.
    public let magic: [UInt8]
    /// How errors name the file ("a SwiftVirt QEMU save image").
    public let name: String
    public let errorDomain: ErrorDomain

    public init(magic: String, name: String, errorDomain: ErrorDomain) {
        precondition(magic.utf8.count == 16, "a save image magic has 16 bytes")
        self.magic = Array(magic.utf8)
        self.name = name
        self.errorDomain = errorDomain
    }
}

/// A save under way, recorded in the domain's status before the guest is touched, so that whoever next
/// holds the domain's lock after its client died can finish it (the stream is written whole: only the
/// stop is left) or undo it (the guest runs on as before, and a file the save created is removed).
public struct PendingSave: Codable, Equatable, Sendable {
    public var path: String
    /// The save created the file (so undoing it may remove it; a file that existed is never removed).
    public var createdFile: Bool
    public var wasRunning: Bool
    /// The whole stream is in the file and flushed: all that is left is to stop the domain.
    public var streamWritten = false

    public init(path: String, createdFile: Bool, wasRunning: Bool) {
        self.path = path
        self.createdFile = createdFile
        self.wasRunning = wasRunning
    }
}

/// The head of a save file: SwiftVirt's header (magic, version, the domain's live XML, whether it was
/// running), followed by the hypervisor's own stream, which the hypervisor writes and reads back from
/// ``streamOffset``.
///
/// Layout: the format's 16-byte magic, then little-endian UInt32 version (1), UInt32 XML length, UInt32 flags
/// (bit 0: running), then the XML, then the stream.
public struct SaveImage: Sendable, Hashable {
    public static let version: UInt32 = 1
    public static let headerLength = 16 + 12
    /// The longest XML a header may announce; a larger length means a corrupt file.
    public static let maxXMLLength = 16 << 20

    public var format: SaveImageFormat
    public var xml: String
    public var wasRunning: Bool

    public init(format: SaveImageFormat, xml: String, wasRunning: Bool) {
        self.format = format
        self.xml = xml
        self.wasRunning = wasRunning
    }

    /// Where the hypervisor's stream starts.
    public var streamOffset: Int { Self.headerLength + xml.utf8.count }

    public func header() -> [UInt8] {
        var bytes = format.magic
        for value in [Self.version, UInt32(xml.utf8.count), wasRunning ? 1 : 0] {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes + Array(xml.utf8)
    }

    /// Opens the file a save writes, creating it if it is missing; on failure the save removes it only if it
    /// made it (``OutputFile``). `failure` is the driver's wording, before errno's text.
    public static func createFile(_ path: String, failure: String, domain: ErrorDomain) throws(VirtError) -> OutputFile {
        do throws(SystemCallError) {
            return try OutputFile.open(path, mode: 0o600)
        } catch {
            throw VirtError.system(error.errno, failure, domain: domain)
        }
    }

    /// Reads the header of a save file (not the large stream after it).
    public static func read(_ path: String, format: SaveImageFormat) throws(VirtError) -> SaveImage {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw VirtError.system(errno, "cannot open save image '\(path)'", domain: format.errorDomain) }
        defer { close(fd) }
        return try read(fd, path: path, format: format)
    }

    /// Reads the header from `fd`, leaving it at the start of the stream.
    public static func read(_ fd: Int32, path: String, format: SaveImageFormat) throws(VirtError) -> SaveImage {
        let domain = format.errorDomain
        func readExactly(_ count: Int) throws(VirtError) -> [UInt8] {
            let bytes: [UInt8]
            do {
                bytes = try FileIO.read(fd, upTo: count, path: path)
            } catch {
                throw VirtError.system(error.errno, "cannot read save image '\(path)'", domain: domain)
            }
            guard bytes.count == count else { throw VirtError(.invalidArg, domain, "'\(path)' is not \(format.name) (it is too short)") }
            return bytes
        }
        // The fixed part first: nothing of a length read from the file is allocated before it is bounded.
        let fixed = try readExactly(headerLength)
        guard Array(fixed.prefix(16)) == format.magic else {
            throw VirtError(.invalidArg, domain, "'\(path)' is not \(format.name)")
        }
        func word(_ at: Int) -> UInt32 {
            fixed[at..<at + 4].withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
        }
        guard word(16) == version else {
            throw VirtError(.configUnsupported, domain, "save image '\(path)' has version \(word(16)); this SwiftVirt reads version \(version)")
        }
        let length = Int(word(20))
        guard length > 0, length <= maxXMLLength else {
            throw VirtError(.invalidArg, domain, "save image '\(path)' has a corrupt header")
        }
        let xml = String(decoding: try readExactly(length), as: UTF8.self)
        return SaveImage(format: format, xml: xml, wasRunning: word(24) & 1 != 0)
    }
}
