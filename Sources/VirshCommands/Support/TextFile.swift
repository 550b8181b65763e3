#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Virt

/// Reads a whole file the way virsh reads XML files (`virFileReadAll` with a 10 MiB cap), failing with the
/// same errors: "Failed to open file '…': …" or "Failed to read file '…': …".
enum TextFile {
    /// virsh's cap on XML files (`VSH_MAX_XML_FILE`).
    static let maximumSize = 10 * 1024 * 1024

    /// The file's text, for files that are not domain XML (those go through ``domainXML(of:)``).
    static func contents(of path: String, limit: Int = maximumSize) -> Result<String, VirtError> {
        bytes(of: path, limit: limit).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Domain XML as bytes: the define or create that takes them checks them (``DomainXMLInput``), so a
    /// file that is not UTF-8 fails that call with libvirt's parser error, as libvirt's virsh does.
    static func domainXML(of path: String) -> Result<[UInt8], VirtError> {
        bytes(of: path, limit: maximumSize)
    }

    static func bytes(of path: String, limit: Int) -> Result<[UInt8], VirtError> {
        let descriptor = open(path, O_RDONLY)
        if descriptor < 0 {
            return .failure(.system(errno, "Failed to open file '\(path)'", domain: .none))
        }
        defer { close(descriptor) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.system(errno, "Failed to read file '\(path)'", domain: .none))
            }
            if count == 0 { break }
            contents.append(contentsOf: chunk[0..<count])
            if contents.count > limit {
                return .failure(.system(EOVERFLOW, "Failed to read file '\(path)'", domain: .none))
            }
        }
        return .success(contents)
    }
}
