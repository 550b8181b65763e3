import Foundation

/// The virsh binaries the tests run.
enum Binaries {
    /// SwiftVirt's virsh from the build products directory (beside the test bundle), or `VIRSH_UNDER_TEST`.
    static var swiftVirt: URL? {
        if let override = ProcessInfo.processInfo.environment["VIRSH_UNDER_TEST"] {
            return URL(fileURLWithPath: override)
        }
        let products = Bundle.main.bundleURL.deletingLastPathComponent()
        for directory in [products, Bundle.main.bundleURL] {
            let candidate = directory.appendingPathComponent("virsh")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Debian's virsh 9.0, when installed (CI installs libvirt-clients).
    static var reference: URL? {
        let path = "/usr/bin/virsh"
        return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
    }
}
