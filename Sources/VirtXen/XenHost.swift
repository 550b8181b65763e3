import VirtDriver
import VirtOS

/// Where this process runs, as far as Xen is concerned. Xen domains are managed from the control domain
/// (dom0) only: its kernel says so in `/proc/xen/capabilities` ("control_d"), which a guest lacks even
/// when it mounts xenfs (libvirt's libxl driver decides the same way).
enum XenHost {
    static let capabilitiesPath = "/proc/xen/capabilities"

    /// Whether the capabilities text marks the control domain.
    static func isControlDomain(capabilities: String?) -> Bool {
        capabilities?.hasPrefix("control_d") == true
    }

    /// Whether this process runs in dom0.
    static func isControlDomain() -> Bool {
        let text = (try? FileIO.read(capabilitiesPath, limit: FileSizeLimit.record)).map { String(decoding: $0, as: UTF8.self) }
        return isControlDomain(capabilities: text)
    }

    /// Why xen:/// cannot be opened here: libvirt's code and wording for a libxl driver that did not start,
    /// and the reason.
    static let notControlDomain = VirtError(
        .internalError, .libxl,
        "libxenlight state driver is not active: this host is not a Xen dom0 (\(capabilitiesPath) does not report control_d)")
}
