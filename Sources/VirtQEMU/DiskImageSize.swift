import VirtOS
#if canImport(Glibc)
import Glibc
#endif

/// A disk image file's sizes as libvirt's block statistics report them: `capacity`, what the guest sees
/// (a raw file's length, a qcow2 image's virtual size from its header), and `physical`, the file's length.
struct DiskImageSize: Equatable {
    var capacity: UInt64
    var physical: UInt64

    /// nil for a file that is not there or not a regular file (a block device), or a qcow2 file whose header
    /// cannot be read.
    static func read(_ path: String, format: String) -> DiskImageSize? {
        guard let length = Paths.regularFileSize(path) else { return nil }
        guard format == "qcow2" else { return DiskImageSize(capacity: length, physical: length) }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // The header: "QFI\xfb", version, backing file offset and size, cluster bits, then the size (big-endian).
        guard let header = try? FileIO.read(fd, upTo: 32, path: path), header.count == 32,
              header[0..<4] == [0x51, 0x46, 0x49, 0xFB] else { return nil }
        let size = header[24..<32].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return DiskImageSize(capacity: size, physical: length)
    }
}
