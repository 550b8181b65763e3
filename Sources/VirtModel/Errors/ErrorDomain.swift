/// Where an error came from (`virErrorDomain`, the `VIR_FROM_*` numbers). Raw values are libvirt's ABI.
public struct ErrorDomain: RawRepresentable, Hashable, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `VIR_FROM_NONE`
    public static let none = ErrorDomain(rawValue: 0)
    /// `VIR_FROM_XEN`
    public static let xen = ErrorDomain(rawValue: 1)
    /// `VIR_FROM_XEND`
    public static let xend = ErrorDomain(rawValue: 2)
    /// `VIR_FROM_XENSTORE`
    public static let xenstore = ErrorDomain(rawValue: 3)
    /// `VIR_FROM_SEXPR`
    public static let sexpr = ErrorDomain(rawValue: 4)
    /// `VIR_FROM_XML`
    public static let xml = ErrorDomain(rawValue: 5)
    /// `VIR_FROM_DOM`
    public static let dom = ErrorDomain(rawValue: 6)
    /// `VIR_FROM_RPC`
    public static let rpc = ErrorDomain(rawValue: 7)
    /// `VIR_FROM_PROXY`
    public static let proxy = ErrorDomain(rawValue: 8)
    /// `VIR_FROM_CONF`
    public static let conf = ErrorDomain(rawValue: 9)
    /// `VIR_FROM_QEMU`
    public static let qemu = ErrorDomain(rawValue: 10)
    /// `VIR_FROM_NET`
    public static let net = ErrorDomain(rawValue: 11)
    /// `VIR_FROM_TEST`
    public static let test = ErrorDomain(rawValue: 12)
    /// `VIR_FROM_REMOTE`
    public static let remote = ErrorDomain(rawValue: 13)
    /// `VIR_FROM_OPENVZ`
    public static let openvz = ErrorDomain(rawValue: 14)
    /// `VIR_FROM_XENXM`
    public static let xenxm = ErrorDomain(rawValue: 15)
    /// `VIR_FROM_STATS_LINUX`
    public static let statsLinux = ErrorDomain(rawValue: 16)
    /// `VIR_FROM_LXC`
    public static let lxc = ErrorDomain(rawValue: 17)
    /// `VIR_FROM_STORAGE`
    public static let storage = ErrorDomain(rawValue: 18)
    /// `VIR_FROM_NETWORK`
    public static let network = ErrorDomain(rawValue: 19)
    /// `VIR_FROM_DOMAIN`
    public static let domain = ErrorDomain(rawValue: 20)
    /// `VIR_FROM_UML`
    public static let uml = ErrorDomain(rawValue: 21)
    /// `VIR_FROM_NODEDEV`
    public static let nodedev = ErrorDomain(rawValue: 22)
    /// `VIR_FROM_XEN_INOTIFY`
    public static let xenInotify = ErrorDomain(rawValue: 23)
    /// `VIR_FROM_SECURITY`
    public static let security = ErrorDomain(rawValue: 24)
    /// `VIR_FROM_VBOX`
    public static let vbox = ErrorDomain(rawValue: 25)
    /// `VIR_FROM_INTERFACE`
    public static let interface = ErrorDomain(rawValue: 26)
    /// `VIR_FROM_ONE`
    public static let one = ErrorDomain(rawValue: 27)
    /// `VIR_FROM_ESX`
    public static let esx = ErrorDomain(rawValue: 28)
    /// `VIR_FROM_PHYP`
    public static let phyp = ErrorDomain(rawValue: 29)
    /// `VIR_FROM_SECRET`
    public static let secret = ErrorDomain(rawValue: 30)
    /// `VIR_FROM_CPU`
    public static let cpu = ErrorDomain(rawValue: 31)
    /// `VIR_FROM_XENAPI`
    public static let xenapi = ErrorDomain(rawValue: 32)
    /// `VIR_FROM_NWFILTER`
    public static let nwfilter = ErrorDomain(rawValue: 33)
    /// `VIR_FROM_HOOK`
    public static let hook = ErrorDomain(rawValue: 34)
    /// `VIR_FROM_DOMAIN_SNAPSHOT`
    public static let domainSnapshot = ErrorDomain(rawValue: 35)
    /// `VIR_FROM_AUDIT`
    public static let audit = ErrorDomain(rawValue: 36)
    /// `VIR_FROM_SYSINFO`
    public static let sysinfo = ErrorDomain(rawValue: 37)
    /// `VIR_FROM_STREAMS`
    public static let streams = ErrorDomain(rawValue: 38)
    /// `VIR_FROM_VMWARE`
    public static let vmware = ErrorDomain(rawValue: 39)
    /// `VIR_FROM_EVENT`
    public static let event = ErrorDomain(rawValue: 40)
    /// `VIR_FROM_LIBXL`
    public static let libxl = ErrorDomain(rawValue: 41)
    /// `VIR_FROM_LOCKING`
    public static let locking = ErrorDomain(rawValue: 42)
    /// `VIR_FROM_HYPERV`
    public static let hyperv = ErrorDomain(rawValue: 43)
    /// `VIR_FROM_CAPABILITIES`
    public static let capabilities = ErrorDomain(rawValue: 44)
    /// `VIR_FROM_URI`
    public static let uri = ErrorDomain(rawValue: 45)
    /// `VIR_FROM_AUTH`
    public static let auth = ErrorDomain(rawValue: 46)
    /// `VIR_FROM_DBUS`
    public static let dbus = ErrorDomain(rawValue: 47)
    /// `VIR_FROM_PARALLELS`
    public static let parallels = ErrorDomain(rawValue: 48)
    /// `VIR_FROM_DEVICE`
    public static let device = ErrorDomain(rawValue: 49)
    /// `VIR_FROM_SSH`
    public static let ssh = ErrorDomain(rawValue: 50)
    /// `VIR_FROM_LOCKSPACE`
    public static let lockspace = ErrorDomain(rawValue: 51)
    /// `VIR_FROM_INITCTL`
    public static let initctl = ErrorDomain(rawValue: 52)
    /// `VIR_FROM_IDENTITY`
    public static let identity = ErrorDomain(rawValue: 53)
    /// `VIR_FROM_CGROUP`
    public static let cgroup = ErrorDomain(rawValue: 54)
    /// `VIR_FROM_ACCESS`
    public static let access = ErrorDomain(rawValue: 55)
    /// `VIR_FROM_SYSTEMD`
    public static let systemd = ErrorDomain(rawValue: 56)
    /// `VIR_FROM_BHYVE`
    public static let bhyve = ErrorDomain(rawValue: 57)
    /// `VIR_FROM_CRYPTO`
    public static let crypto = ErrorDomain(rawValue: 58)
    /// `VIR_FROM_FIREWALL`
    public static let firewall = ErrorDomain(rawValue: 59)
    /// `VIR_FROM_POLKIT`
    public static let polkit = ErrorDomain(rawValue: 60)
    /// `VIR_FROM_THREAD`
    public static let thread = ErrorDomain(rawValue: 61)
    /// `VIR_FROM_ADMIN`
    public static let admin = ErrorDomain(rawValue: 62)
    /// `VIR_FROM_LOGGING`
    public static let logging = ErrorDomain(rawValue: 63)
    /// `VIR_FROM_XENXL`
    public static let xenxl = ErrorDomain(rawValue: 64)
    /// `VIR_FROM_PERF`
    public static let perf = ErrorDomain(rawValue: 65)
    /// `VIR_FROM_LIBSSH`
    public static let libssh = ErrorDomain(rawValue: 66)
    /// `VIR_FROM_RESCTRL`
    public static let resctrl = ErrorDomain(rawValue: 67)
    /// `VIR_FROM_FIREWALLD`
    public static let firewalld = ErrorDomain(rawValue: 68)
    /// `VIR_FROM_DOMAIN_CHECKPOINT`
    public static let domainCheckpoint = ErrorDomain(rawValue: 69)
    /// `VIR_FROM_TPM`
    public static let tpm = ErrorDomain(rawValue: 70)
    /// `VIR_FROM_BPF`
    public static let bpf = ErrorDomain(rawValue: 71)
    /// `VIR_FROM_CH`
    public static let ch = ErrorDomain(rawValue: 72)
}
