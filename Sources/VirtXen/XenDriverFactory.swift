import FoundationEssentials
import VirtDriver
import VirtDriverState
import VirtOS
#if canImport(Glibc)
import Glibc
#endif

/// Opens xen:/// connections: `xen:///system` (or `xen:///`) in a Xen dom0, as root. libxenlight is loaded
/// (dlopen) the first time such a URI is opened, so nothing of Xen is needed anywhere else.
public enum XenDriverFactory {
    /// The xen:/// driver over libxenlight, with its state under SwiftVirt's system directories.
    public static let connectDriver = connectDriver(paths: .system, isControlDomain: XenHost.isControlDomain, startsWatcher: true) {
        () throws(VirtError) -> any XenToolstack in try LibXLToolstack.open(logPath: XenPaths.system.libxlLog)
    }

    static func connectDriver(
        paths: XenPaths, isControlDomain: @escaping @Sendable () -> Bool, startsWatcher: Bool = false,
        toolstack: @escaping @Sendable () throws(VirtError) -> any XenToolstack
    ) -> ConnectDriver {
        ConnectDriver(name: "xen", uriSchemes: ["xen"], probe: { probe(isControlDomain: isControlDomain()) }) {
            uri, _ throws(VirtError) in
            guard isControlDomain() else { throw XenHost.notControlDomain }
            try checkPath(uri)
            guard geteuid() == 0 else {
                throw VirtError(.operationDenied, .libxl, "xen:///system is for root: managing Xen domains needs dom0's privileges")
            }
            return .opened(try XenDriver(uri: uri, paths: paths, toolstack: try toolstack(), startsWatcher: startsWatcher))
        }
    }

    /// The default URI in dom0 (as root); nil elsewhere.
    static func probe(isControlDomain: Bool) -> String? {
        isControlDomain && geteuid() == 0 ? "xen:///system" : nil
    }

    /// xen:/// has one instance: `/system`, or no path at all (libvirt accepts both).
    static func checkPath(_ uri: ConnectURI) throws(VirtError) {
        guard ["", "/", "/system", "/system/"].contains(uri.path) else {
            throw VirtError(.internalError, .libxl, "unexpected Xen URI path '\(uri.path)', try xen:///system")
        }
    }
}
