import FoundationEssentials
import VirtDriver
import VirtOS
#if canImport(Glibc)
import Glibc
#endif

/// Opens qemu:/// connections: qemu:///system (root), qemu:///session (per user) and
/// qemu:///embed?root=DIR (state under DIR, for tests and embedding applications).
public enum QEMUDriverFactory {
    static func connectDriver(
        openMonitor: @escaping @Sendable (_ socketPath: String) async throws(VirtError) -> any QEMUMonitor
    ) -> ConnectDriver {
        ConnectDriver(name: "qemu", uriSchemes: ["qemu"], probe: probe) { uri, _ throws(VirtError) in
            .opened(try QEMUDriver(uri: uri, paths: try paths(for: uri), openMonitor: { path throws(VirtError) in
                try await openMonitor(path)
            }))
        }
    }

    /// The default URI on a host with QEMU: system for root, session otherwise.
    static func probe() -> String? {
        guard QEMUEmulator.search("qemu-system-\(HostInfo.machine())") != nil else { return nil }
        return geteuid() == 0 ? "qemu:///system" : "qemu:///session"
    }

    static func paths(for uri: ConnectURI) throws(VirtError) -> QEMUPaths {
        switch uri.path {
        case "/system", "/system/":
            guard geteuid() == 0 else {
                throw VirtError(.operationDenied, .qemu, "qemu:///system is for root; use qemu:///session as an ordinary user")
            }
            return .system
        case "/session", "/session/":
            return .session(environment: ProcessInfo.processInfo.environment)
        case "/embed", "/embed/":
            guard let root = uri.parameter("root"), root.hasPrefix("/") else {
                throw VirtError(.invalidArg, .qemu, "qemu:///embed needs a 'root' parameter with an absolute path")
            }
            return .embedded(root: root)
        default:
            throw VirtError(.invalidArg, .qemu, "unexpected QEMU URI path '\(uri.path)', try qemu:///system")
        }
    }
}
