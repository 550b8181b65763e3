import Foundation
import Testing
import Virt
import VirtOS
@testable import VirtXen

/// xen:/// consoles: the pty libxl names for the domain's first console, one session at a time.
@Suite struct XenConsoleTests {
    @Test func firstConsoleIsThePtyLibxlNames() async throws {
        let fixture = try XenFixture()
        let terminal = try PseudoTerminal.open()
        defer { close(terminal.master) }
        fixture.xen.state.withLock { $0.consoleTTY = terminal.slavePath }
        let conn = try await fixture.open()
        let dom = try await conn.createDomain(xml: XenFixture.pvXML())

        let stream = try await dom.openConsole()
        #expect(fixture.xen.calls.last == "console 1 0 pv")
        // What the guest writes (xenconsoled, the pty's master here) comes out of the stream.
        _ = "XENLAB-TICK 1\n".withCString { write(terminal.master, $0, 14) }
        #expect(try stream.read(until: "\n", timeout: .seconds(5)) == "XENLAB-TICK 1\n")
        // What is typed goes to the guest.
        try stream.write(Array("root\n".utf8))
        var typed = [UInt8](repeating: 0, count: 16)
        #expect(read(terminal.master, &typed, typed.count) == 5)
        #expect(Array(typed.prefix(5)) == Array("root\n".utf8))

        let busy = await #expect(throws: VirtError.self) { _ = try await dom.openConsole() }
        #expect(busy?.message == "operation failed: Active console session exists for this domain")
        stream.close()
        try await dom.openConsole().close()

        // A PV guest has its PV console; serial ports only by alias, and it has none.
        let named = await #expect(throws: VirtError.self) { _ = try await dom.openConsole(device: "serial0") }
        #expect(named?.message == "internal error: cannot find character device serial0")
        let safe = await #expect(throws: VirtError.self) { _ = try await dom.openConsole(flags: .safe) }
        #expect(safe?.message == "unsupported flags (0x2) in function libxlDomainOpenConsole")
        try await dom.destroy()
    }

    @Test func outputArrivesAsAnAsyncSequenceUntilTheConsoleCloses() async throws {
        let fixture = try XenFixture()
        let terminal = try PseudoTerminal.open()
        fixture.xen.state.withLock { $0.consoleTTY = terminal.slavePath }
        let conn = try await fixture.open()
        let dom = try await conn.createDomain(xml: XenFixture.pvXML())
        let stream = try await dom.openConsole()
        defer { stream.close() }

        // A wait with nothing to read ends when its task is cancelled.
        let waiting = Task { try await stream.read() }
        try await Task.sleep(for: .milliseconds(300))
        waiting.cancel()
        let cancelled = await #expect(throws: VirtError.self) { _ = try await waiting.value }
        #expect(cancelled?.code == .operationAborted)

        let reader = Task {
            var text = ""
            for try await bytes in stream.output { text += String(decoding: bytes, as: UTF8.self) }
            return text
        }
        try await Task.sleep(for: .milliseconds(300))   // the reader waits, on a thread of its own
        _ = "XENLAB-TICK 7\n".withCString { write(terminal.master, $0, 14) }
        try await Task.sleep(for: .milliseconds(300))
        close(terminal.master)   // xenconsoled goes away: the sequence ends
        #expect(try await reader.value == "XENLAB-TICK 7\n")
        try await dom.destroy()
    }

    @Test func aConsoleNeedsARunningGuest() async throws {
        let fixture = try XenFixture()
        let conn = try await fixture.open()
        let dom = try await conn.defineDomain(xml: XenFixture.pvXML())
        let off = await #expect(throws: VirtError.self) { _ = try await dom.openConsole() }
        #expect(off?.message == "Requested operation is not valid: domain is not running")
        #expect(!fixture.xen.calls.contains { $0.hasPrefix("console") })
    }
}
