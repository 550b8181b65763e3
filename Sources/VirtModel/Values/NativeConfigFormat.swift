/// A hypervisor's own configuration format, as `virConnectDomainXMLToNative` and `virConnectDomainXMLFromNative`
/// name it ("xen-xl", "qemu-argv", ...). Any text is accepted: the driver decides which formats it converts and
/// reports VIR_ERR_INVALID_ARG for the others, as libvirt's drivers do.
public struct NativeConfigFormat: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public var description: String { rawValue }

    /// Xen's xl.cfg(5), read and written by `xl` (libxenlight's toolstack).
    public static let xenXL: NativeConfigFormat = "xen-xl"
    /// The xm/xend configuration format of Xen before libxenlight.
    public static let xenXM: NativeConfigFormat = "xen-xm"
    /// xend's S-expressions (libvirt no longer converts from it).
    public static let xenSexpr: NativeConfigFormat = "xen-sxpr"
    /// A QEMU command line.
    public static let qemuArgv: NativeConfigFormat = "qemu-argv"
    /// VMware's .vmx files.
    public static let vmwareVMX: NativeConfigFormat = "vmware-vmx"
}
