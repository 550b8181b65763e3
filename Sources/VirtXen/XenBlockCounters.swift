import FoundationEssentials
import VirtDriver
import VirtOS
import VirtXML
#if canImport(Glibc)
import Glibc
#endif

/// A phy disk's counters in dom0, as libvirt's libxl driver reads them: blkback's statistics of the virtual
/// block device (`/sys/bus/xen-backend/devices/vbd-<domid>-<devno>/statistics`), sectors turned into
/// bytes by the backing device's physical sector size (what blkback publishes as `physical-sector-size`).
struct XenBlockCounters: Sendable, Equatable {
    var readRequests: UInt64 = 0
    var readBytes: UInt64 = 0
    var writeRequests: UInt64 = 0
    var writeBytes: UInt64 = 0
    var flushRequests: UInt64 = 0
    /// Requests blkback could not take for want of resources (`oo_req`): libvirt's "errs", reported only
    /// when some disk's counters were read (none for a domain without disks).
    var outOfRequests: UInt64 = 0
    var fromBlkback = false

    static let statisticsRoot = "/sys/bus/xen-backend/devices"

    /// The counters of disk `target` of domain `domainID`, its sectors of `sectorSize` bytes.
    static func read(
        domainID: UInt32, target: String, sectorSize: UInt64, root: String = statisticsRoot
    ) throws(VirtError) -> XenBlockCounters {
        guard let number = deviceNumber(target) else {
            throw VirtError(.operationInvalid, .libxl, "cannot find device number")
        }
        let directory = "\(root)/vbd-\(domainID)-\(number)/statistics"
        guard Paths.exists(directory) else {
            throw VirtError(.operationFailed, .libxl, "cannot open bus path")
        }
        func counter(_ name: String) throws(VirtError) -> UInt64 {
            let path = "\(directory)/\(name)"
            guard let bytes = try? FileIO.read(path, limit: 256),
                  let value = UInt64(String(decoding: bytes, as: UTF8.self).filter { !$0.isWhitespace }) else {
                throw VirtError(.operationFailed, .libxl, "cannot read \(path)")
            }
            return value
        }
        var counters = XenBlockCounters(fromBlkback: true)
        counters.flushRequests = try counter("f_req")
        counters.writeRequests = try counter("wr_req")
        counters.readRequests = try counter("rd_req")
        counters.writeBytes = try counter("wr_sect") &* sectorSize
        counters.readBytes = try counter("rd_sect") &* sectorSize
        _ = try counter("ds_req")  // read as libvirt does (a missing file fails the call); reported nowhere
        counters.outOfRequests = try counter("oo_req")
        return counters
    }

    mutating func add(_ other: XenBlockCounters) {
        readRequests &+= other.readRequests
        readBytes &+= other.readBytes
        writeRequests &+= other.writeRequests
        writeBytes &+= other.writeBytes
        flushRequests &+= other.flushRequests
        outOfRequests &+= other.outOfRequests
        fromBlkback = fromBlkback || other.fromBlkback
    }

    /// Xen's number for a virtual disk (`xvda` 51712, `hdb` 832, `sdc` 2080, `xvdq` 268439552), as libxl
    /// and libvirt compute it; nil for a name that has none.
    static func deviceNumber(_ target: String) -> Int? {
        // "d<disk>p<partition>" is libxl's own spelling of an xvd name.
        if target.hasPrefix("d"), let p = target.firstIndex(of: "p"),
           let disk = Int(target[target.index(after: target.startIndex)..<p]), let partition = Int(target[target.index(after: p)...]),
           disk >= 0, partition >= 0 {
            return xvdNumber(disk: disk, partition: partition)
        }
        guard ["xvd", "hd", "sd"].contains(where: { target.hasPrefix($0) }), let (disk, partition) = DiskName.parse(target) else {
            return nil
        }
        if target.hasPrefix("xvd") { return xvdNumber(disk: disk, partition: partition) }
        if target.hasPrefix("hd") {
            guard disk <= 3, partition <= 63 else { return nil }
            return ((disk < 2 ? 3 : 22) << 8) | ((disk & 1) << 6) | partition
        }
        guard disk <= 15, partition <= 15 else { return nil }
        return (8 << 8) | (disk << 4) | partition
    }

    private static func xvdNumber(disk: Int, partition: Int) -> Int? {
        if disk <= 15 && partition <= 15 { return (202 << 8) | (disk << 4) | partition }
        // libvirt's condition is "or" (libxl's own is "and"); either way the extended form follows.
        guard disk <= (1 << 20) - 1 || partition <= 255 else { return nil }
        return (1 << 28) | (disk << 8) | partition
    }

    /// The physical sector size of the block device at `path` (512 when it cannot be read, libvirt's default).
    static func sectorSize(ofDevice path: String?) -> UInt64 {
        var info = stat()
        guard let path, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFBLK else { return 512 }
        let device = UInt64(info.st_rdev)  // glibc's major() and minor(), macros Swift does not see
        let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~UInt64(0xfff))
        let minor = (device & 0xff) | ((device >> 12) & ~UInt64(0xff))
        let sysfs = "/sys/dev/block/\(major):\(minor)/queue/physical_block_size"
        guard let bytes = try? FileIO.read(sysfs, limit: 64),
              let size = UInt64(String(decoding: bytes, as: UTF8.self).filter { !$0.isWhitespace }), size > 0 else { return 512 }
        return size
    }
}
