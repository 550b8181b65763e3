import Foundation
import Testing
import VirtTestSupport

/// The C API drives a real QEMU guest: the shim has no driver-specific code, so what works on test:///
/// works on qemu:/// too.
@Suite(.serialized, .guestSlot) struct QEMUGuestTests {
    @Test("the seed's C calls on a real guest under TCG")
    func seedCallsOnQEMU() async throws {
        try await Self.withGuest(named: "cguest") { root, xmlPath in
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

    @Test("a console through streams: blocking reads and sends, one session until forced, a non-blocking stream's callback")
    func consoleStreams() async throws {
        // A pty console, as a console session needs.
        try await Self.withGuest(named: "sguest", ptyConsole: true) { root, xmlPath in
            let program = try await CProgram.build("console_stream.c", against: .swiftVirt)
            let result = try await CProgram.run(program, arguments: ["qemu:///embed?root=\(root)", xmlPath])
            #expect(result.succeeded, "\(result.transcript)")
            #expect(result.standardOutput == """
                open console: 0
                blocking reads bring ticks: 1
                send a line: 1
                a second session: -1
                  operation failed: Active console session exists for this domain
                forced: 0
                callback added: 0
                a second callback: -1
                the callback read ticks: 1 (called yes)
                callback removed: 0
                removed again: -1
                  internal error: stream does not have a callback registered
                abort: 0
                recv after abort: -1 internal error: stream is not open
                finish the first: -1 internal error: stream is not open
                free: 0
                free the first: 0
                destroy: 0
                close: 0

                """, "\(result.transcript)")
        }
    }

    /// A qemu:///embed root of its own for one test (removed after it), with the test guest's XML written
    /// there: its serial port a file in the root, or a pty.
    static func withGuest(named name: String, ptyConsole: Bool = false,
                          _ body: (_ root: String, _ xmlPath: String) async throws -> Void) async throws {
        let image = try await TestGuestImage.shared()
        let root = "/tmp/svc-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fileSerial = "<serial type='file'><source path='\(root)/console.log'/></serial>"
        var xml = image.domainXML(name: name, consolePath: root + "/console.log")
        if ptyConsole {
            try #require(xml.contains(fileSerial))
            xml = xml.replacingOccurrences(of: fileSerial, with: "<serial type='pty'/>")
        }
        let xmlPath = root + "/guest.xml"
        try xml.write(toFile: xmlPath, atomically: true, encoding: .utf8)
        try await body(root, xmlPath)
    }
}
