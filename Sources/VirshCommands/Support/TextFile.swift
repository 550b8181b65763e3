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

    static func contents(of path: String, limit: Int = maximumSize) -> Result<String, VirtError> {
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
        return .success(String(decoding: contents, as: UTF8.self))
    }
}
