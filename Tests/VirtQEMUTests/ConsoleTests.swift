import Foundation
import Testing
import Virt
import VirtTestSupport

/// The guest's serial console on its pty: through the Swift API (one session at a time, `.force` taking
/// over) and through `virsh console` on a terminal.
@Suite(.serialized, .tags(.qemuBoot), .guestSlot)
struct ConsoleTests {
    @Test("the console carries the guest's boot; a second session is refused until forced in")
    func sessions() async throws {
        let fixture = try await GuestFixture()
        defer { Task { await fixture.tearDown() } }
        let conn = try await Connection.open(fixture.uri)
        defer { conn.close() }
        let dom = try await conn.createDomain(xml: fixture.ptyXML("cons"), flags: .paused)

        // Connected before the guest runs, the session sees it boot from the start.
        let first = try await dom.openConsole()
        try await dom.resume()
        let boot = try first.read(until: "SWIFTVIRT-GUEST-READY", timeout: .seconds(60))
        #expect(boot.contains("SWIFTVIRT-GUEST-READY"), "console so far: \(boot)")

        let busy = await #expect(throws: VirtError.self) { _ = try await dom.openConsole(device: "serial0") }
        #expect(busy?.code == .operationFailed)
        #expect(busy?.message == "operation failed: Active console session exists for this domain")
        #expect(!first.isSuperseded)

        // A forced session waits for the first to see it has been superseded and let go.
        let forced = Task { try await dom.openConsole(flags: .force) }
        let deadline = ContinuousClock.now + .seconds(5)
        while !first.isSuperseded, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(first.isSuperseded)
        first.close()
        let second = try await forced.value
        #expect(!second.isSuperseded)
        #expect(try second.read(until: "SWIFTVIRT-TICK", timeout: .seconds(30)).contains("SWIFTVIRT-TICK"), "the guest keeps ticking")
        second.close()

        let missing = await #expect(throws: VirtError.self) { _ = try await dom.openConsole(device: "serial1") }
        #expect(missing?.message == "internal error: cannot find character device serial1")
        #expect(missing?.code == .internalError)

        let readOnly = try await Connection.open(fixture.uri, readOnly: true)
        defer { readOnly.close() }
        let denied = await #expect(throws: VirtError.self) { _ = try await readOnly.lookupDomain(name: "cons").openConsole() }
        #expect(denied?.code == .operationDenied)

        try await dom.destroy()
        let persistent = try await conn.defineDomain(xml: fixture.ptyXML("cons"))
        let off = await #expect(throws: VirtError.self) { _ = try await persistent.openConsole() }
        #expect(off?.message == "Requested operation is not valid: domain is not running")
        try await persistent.undefine()
        #expect(fixture.lockFiles() == [], "sessions and domains that are gone leave no lock files")
    }

    @Test("virsh console relays the guest to the terminal and ends on Ctrl-]")
    func virshConsole() async throws {
        let fixture = try await GuestFixture()
        defer { Task { await fixture.tearDown() } }
        let conn = try await Connection.open(fixture.uri)
        defer { conn.close() }
        _ = try await conn.createDomain(xml: fixture.ptyXML("vcons"))

        let terminal = try TerminalSession(GuestFixture.virsh, ["-c", fixture.uri, "console", "vcons"],
                                           environment: ["PATH": "/usr/bin:/bin"])
        #expect(terminal.waitFor("Connected to domain 'vcons'\r\nEscape character is ^] (Ctrl + ])\r\n"))
        #expect(terminal.waitFor("SWIFTVIRT-TICK", timeout: 60), "the guest's output reaches the terminal: \(terminal.output)")
        terminal.type("\u{1d}")
        #expect(terminal.exitStatus() == 0, "Ctrl-] ends the session: \(terminal.output)")

        // create --console attaches straight away; -e chooses the escape character.
        let xmlPath = fixture.root + "/vcons2.xml"
        try fixture.ptyXML("vcons2").write(toFile: xmlPath, atomically: true, encoding: .utf8)
        let created = try TerminalSession(GuestFixture.virsh, ["-c", fixture.uri, "-e", "^b", "create", "--console", xmlPath],
                                          environment: ["PATH": "/usr/bin:/bin"])
        #expect(created.waitFor("Connected to domain 'vcons2'\r\nEscape character is ^b (Ctrl + b)\r\n"))
        #expect(created.waitFor("SWIFTVIRT-GUEST-READY", timeout: 60), "the boot reaches the terminal: \(created.output)")
        created.type("\u{1d}\u{02}")
        #expect(created.exitStatus() == 0, "Ctrl-B ends the session: \(created.output)")

        let noTerminal = try await fixture.virsh("console", "vcons")
        #expect(noTerminal.status == 1)
        #expect(noTerminal.error == "error: Cannot run interactive console without a controlling TTY\n")
    }
}
