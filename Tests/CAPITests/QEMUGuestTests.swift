import Foundation
import Testing
import VirtTestSupport

/// The C API drives a real QEMU guest: the shim has no driver-specific code, so what works on test:///
/// works on qemu:/// too.
@Suite(.serialized, .guestSlot) struct QEMUGuestTests {
    @Test("the seed's C calls on a real guest under TCG")
    func seedCallsOnQEMU() async throws {
        let image = try await TestGuestImage.shared()
        let root = "/tmp/svc-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let xmlPath = root + "/guest.xml"
        try image.domainXML(name: "cguest", consolePath: root + "/console.log")
            .write(toFile: xmlPath, atomically: true, encoding: .utf8)

        let program = try await CProgram.build("qemu_guest.c", against: .swiftVirt)
        let result = try await CProgram.run(program, arguments: ["qemu:///embed?root=\(root)", xmlPath, root + "/guest.save"])
        #expect(result.succeeded, "\(result.transcript)")
        #expect(result.standardOutput == """
            type QEMU
            created cguest id>0 1
            running 1
            domains 1
            paused 1
            resumed 1
            ballooned 1
            vcpus 2 pinned 1 usable1 0
            stats 1 cguest state 1 balloon 131072 vcpus 2 cpu>0 1
            block stats 8 8 rd_bytes found 1 = 0; vda -1 invalid argument: invalid path: vda
            saved, domains 0
            restored 1
            os hvm maxmem 196608
            destroyed, domains 0
            close 0

            """, "\(result.transcript)")
    }
}
