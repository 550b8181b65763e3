import Foundation
import Testing
import Virt
import VirtDriver
import VirtTestSupport
@testable import VirtXen

/// xen:/// opens only in a Xen dom0; everywhere else it says why, in libvirt's terms, and nothing of Xen is
/// needed to build or run SwiftVirt.
@Suite struct ControlDomainTests {
    @Test("the control domain is recognised by its capabilities", arguments: [
        ("control_d\n", true), ("", false), ("xen\n", false), (nil, false),
    ] as [(String?, Bool)])
    func capabilities(text: String?, isControl: Bool) {
        #expect(XenHost.isControlDomain(capabilities: text) == isControl)
    }

    @Test("outside dom0, xen:/// is refused with libvirt's error for an inactive libxl driver", arguments: [
        "xen:///system", "xen:///", "xen:///session",
    ])
    func refusedOutsideDom0(uri: String) async throws {
        try #require(!XenHost.isControlDomain(), "this host is a Xen dom0; the lab stage tests xen:/// there")
        let error = await #expect(throws: VirtError.self) { try await Connection.open(uri) }
        #expect(error?.code == .internalError)
        #expect(error?.domain == .libxl)
        #expect(error?.message == "internal error: libxenlight state driver is not active: this host is not a Xen dom0 (/proc/xen/capabilities does not report control_d)")
        #expect(XenDriverFactory.probe(isControlDomain: false) == nil)
    }

    @Test("in dom0, xen:/// has only the system instance")
    func uriPath() async throws {
        let driver = XenDriverFactory.connectDriver(paths: .embedded(root: "/nonexistent"), isControlDomain: { true }) {
            () throws(VirtError) -> any XenToolstack in throw VirtError(.internalError, .libxl, "not reached")
        }
        let error = await #expect(throws: VirtError.self) {
            try await Connection.open("xen:///session", drivers: DriverRegistry([driver]))
        }
        #expect(error?.message == "internal error: unexpected Xen URI path '/session', try xen:///system")
    }

    /// The build directory SwiftPM put this test binary in, with virsh and libvirt.so beside it.
    static let buildDirectory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()

    @Test("virsh and libvirt.so do not link any Xen library", arguments: ["virsh", "libvirt.so"])
    func noXenLibraries(binary: String) async throws {
        let path = Self.buildDirectory.appendingPathComponent(binary).path
        try #require(FileManager.default.fileExists(atPath: path), "\(path) is built by swift test with every product")
        let libraries = try await ProcessRun.run("/usr/bin/ldd", arguments: [path]).outputText
        #expect(libraries.contains("libc.so"))
        #expect(!libraries.contains("libxen"), "\(binary) links a Xen library:\n\(libraries)")
        let symbols = try await ProcessRun.run("/usr/bin/nm", arguments: ["-D", "--undefined-only", path]).outputText
        #expect(!symbols.contains("libxl_"), "\(binary) needs libxl symbols at load time")
        #expect(!symbols.contains("xtl_"))
    }
}
