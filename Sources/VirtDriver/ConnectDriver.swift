/// How a driver is found: the URI schemes it serves, how to open it, and whether it can be the default.
/// Like libvirt's `virConnectDriver`; front ends build the list explicitly (nothing registers itself).
public struct ConnectDriver: Sendable {
    public enum OpenResult: Sendable {
        case opened(any HypervisorDriver)
        /// The URI is not for this driver after all (libvirt's `VIR_DRV_OPEN_DECLINED`).
        case declined
    }

    /// A short name for messages ("test", "qemu", "xen").
    public var name: String
    /// The URI drivers it serves ("test", "qemu", "xen").
    public var uriSchemes: Set<String>
    /// Opens a connection for `uri`. Throws when the URI is for this driver but cannot be opened.
    public var open: @Sendable (_ uri: ConnectURI, _ readOnly: Bool) async throws(VirtError) -> OpenResult
    /// The URI this driver would serve as the default on this host, or nil (libvirt's probe).
    public var probe: @Sendable () -> String?

    public init(
        name: String,
        uriSchemes: Set<String>,
        probe: @escaping @Sendable () -> String? = { nil },
        open: @escaping @Sendable (_ uri: ConnectURI, _ readOnly: Bool) async throws(VirtError) -> OpenResult
    ) {
        self.name = name
        self.uriSchemes = uriSchemes
        self.probe = probe
        self.open = open
    }
}
