/// A value of an XML attribute that libvirt defines as an enumeration (a disk's `type`, a CPU's `mode`...):
/// kept as the text it was, so a value this version does not know (a newer libvirt's, or one a driver
/// refuses) is carried and reported, not lost; the known values are named constants. Literals compare and
/// match in `switch` directly: `disk.type == "file"`.
public protocol XMLKeyword: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral,
    CustomStringConvertible where RawValue == String
{
    init(rawValue: String)
}

extension XMLKeyword {
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var description: String { rawValue }
}

/// `<disk type=...>`: where the disk's data is.
public struct DiskType: XMLKeyword {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let file: Self = "file"
    public static let block: Self = "block"
    public static let directory: Self = "dir"
    public static let network: Self = "network"
    public static let volume: Self = "volume"
    public static let nvme: Self = "nvme"
    public static let vhostUser: Self = "vhostuser"
}

/// `<disk device=...>`: what the guest sees.
public struct DiskDevice: XMLKeyword {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let disk: Self = "disk"
    public static let cdrom: Self = "cdrom"
    public static let floppy: Self = "floppy"
    public static let lun: Self = "lun"
}

/// `<interface type=...>`: how the guest's NIC reaches the host.
public struct InterfaceType: XMLKeyword {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let network: Self = "network"
    public static let bridge: Self = "bridge"
    public static let user: Self = "user"
    public static let ethernet: Self = "ethernet"
    public static let direct: Self = "direct"
    public static let hostdev: Self = "hostdev"
    public static let vhostUser: Self = "vhostuser"
    public static let server: Self = "server"
    public static let client: Self = "client"
    public static let mcast: Self = "mcast"
    public static let udp: Self = "udp"
    public static let vdpa: Self = "vdpa"
}

/// `<cpu mode=...>`: how the guest CPU relates to the host's.
public struct CPUMode: XMLKeyword {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let custom: Self = "custom"
    public static let hostModel: Self = "host-model"
    public static let hostPassthrough: Self = "host-passthrough"
    public static let maximum: Self = "maximum"
}
