import Foundation
import Testing
import Virt
import VirtOS
import VirtTestSupport

/// The fault-injection harness's other half: a full disk, and a damaged or unreadable file in each state
/// directory, while a domain runs. Every operation ends (no hang, no crash) with a result or a clear error,
/// and afterwards what is listed is what runs (``HostTruth``). Part of ``FaultInjectionTests``, so never
/// at the same time as its kills.
extension FaultInjectionTests {
    /// A virsh run that must end within `limit` and not die of a signal.
    static func bounded(_ fixture: GuestFixture, _ command: String, limit: Duration = .seconds(30)) async throws -> ProcessRunner.Result {
        let client = try ProcessRunner.start(GuestFixture.virsh, ["-c", fixture.uri, command])
        let deadline = ContinuousClock.now + limit
        while client.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if client.isRunning { kill(client.pid, SIGKILL) }
        let result = await client.wait()
        #expect(ContinuousClock.now < deadline, "'\(command)' did not end within \(limit)")
        #expect(result.status < 128, "'\(command)' died of signal \(result.status - 128): \(result.error)")
        return result
    }

    @Test("on a full disk every operation ends in a result or a clear error, and nothing is left inconsistent")
    func fullDisk() async throws {
        try await GuestFixture.with { fixture in
            // A small file system of its own for the whole root: definitions, run files, logs, save target.
            let mounted = try await ProcessRunner.run("/bin/mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", fixture.root])
            try #require(mounted.status == 0, "mount: \(mounted.error)")
            defer { _ = try? FileManager.default.removeItem(atPath: fixture.root + "/filler") }
            let harness = Harness(fixture: fixture)
            try await harness.prepare(.running)
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            _ = try await conn.defineDomain(xml: harness.xml(booting: false)
                .replacingOccurrences(of: "<name>fi</name>", with: "<name>other</name>")
                .replacingOccurrences(of: FaultInjectionTests.uuid, with: "5eed0000-0000-4000-8000-0000000000b2"))
            try "<domain type='qemu'><name>third</name><memory>65536</memory><os><type>hvm</type></os></domain>"
                .write(toFile: fixture.root + "/third.xml", atomically: true, encoding: .utf8)
            let fill = try await ProcessRunner.run("/bin/dd", ["if=/dev/zero", "of=\(fixture.root)/filler", "bs=64k"])
            #expect(fill.error.contains("No space left on device"), "\(fill.error)")

            let commands = [
                "suspend fi", "resume fi", "setvcpus fi 2 --live", "setvcpus fi 1 --config", "setmem fi 131072 --live",
                "save fi \(harness.savePath)", "define \(fixture.root)/third.xml", "undefine other", "create \(fixture.root)/third.xml",
                "shutdown fi", "destroy fi", "start fi", "list --all",
            ]
            var report: [String] = []
            for command in commands {
                let result = try await Self.bounded(fixture, command)
                report.append("\(command): \(result.status == 0 ? "ok" : result.error.trimmingCharacters(in: .whitespacesAndNewlines))")
                if result.status != 0 {
                    // A failure says what went wrong (the full disk, or what state refused it), never a
                    // Swift type or an empty message.
                    #expect(result.error.contains("error: "), "\(command): \(result.error)")
                    #expect(!result.error.contains("Swift") && !result.error.contains("(descriptor:"), "\(command): \(result.error)")
                }
                if let disagreement = await harness.truth.settle() {
                    Issue.record("after '\(command)' on a full disk: \(disagreement)")
                }
            }
            print("full disk:\n  " + report.joined(separator: "\n  "))
            #expect(!FileManager.default.fileExists(atPath: harness.savePath), "a failed save left its file")

            // Room again: everything works as before.
            try FileManager.default.removeItem(atPath: fixture.root + "/filler")
            try await harness.prepare(.running)
            #expect(try await Self.bounded(fixture, "suspend fi").status == 0)
            #expect(try await Self.bounded(fixture, "resume fi").status == 0)
            #expect(await harness.truth.settle() == nil)
            try await harness.clear()
            await fixture.tearDown()
            _ = try await ProcessRunner.run("/bin/umount", ["-l", fixture.root])
        }
    }

    /// The ways a file can be damaged: garbage, emptied, replaced by a FIFO, a directory or a link to an
    /// endless device.
    enum Damage: String, CaseIterable, Sendable {
        case garbage, empty, fifo, directory, endless

        func apply(to path: String) throws {
            try? FileManager.default.removeItem(atPath: path)
            switch self {
            case .garbage:
                var generator = SystemRandomNumberGenerator()
                try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: URL(fileURLWithPath: path))
            case .empty:
                try Data().write(to: URL(fileURLWithPath: path))
            case .fifo:
                guard mkfifo(path, 0o600) == 0 else { throw POSIXError(.EIO) }
            case .directory:
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            case .endless:
                guard symlink("/dev/zero", path) == 0 else { throw POSIXError(.EIO) }
            }
        }
    }

    /// Each file of a running domain and of the driver, in each directory.
    static let files = [
        "etc/qemu/fi.xml", "run/qemu/status/fi", "run/qemu/fi.xml", "run/qemu/fi.pid", "run/qemu/next-id",
        "run/qemu/events.log", "run/qemu/\(FaultInjectionTests.uuid).lock", "run/qemu/driver.lock",
    ]

    @Test("a damaged or unreadable state file never hangs, crashes or blocks the other domains", arguments: files)
    func damagedFile(_ file: String) async throws {
        try await GuestFixture.with { fixture in
            let harness = Harness(fixture: fixture)
            var report: [String] = []
            for damage in Damage.allCases {
                try await harness.prepare(.running)
                let conn = try await Connection.open(fixture.uri)
                _ = try await conn.defineDomain(xml: EmbeddedRoot.xml("bystander"))
                conn.close()
                try damage.apply(to: "\(fixture.root)/\(file)")

                let list = try await Self.bounded(fixture, "list --all")
                #expect(list.output.contains("bystander"), "\(file) \(damage): list --all: \(list.output) \(list.error)")
                let state = try await Self.bounded(fixture, "domstate fi")
                let destroy = try await Self.bounded(fixture, "destroy fi")
                let define = try await Self.bounded(fixture, "define \(harness.xmlPath)")
                report.append("""
                    \(damage): domstate \(state.status == 0 ? state.output.trimmingCharacters(in: .whitespacesAndNewlines) : state.error.trimmingCharacters(in: .whitespacesAndNewlines)); \
                    destroy \(destroy.status == 0 ? "ok" : destroy.error.trimmingCharacters(in: .whitespacesAndNewlines)); \
                    define \(define.status == 0 ? "ok" : define.error.trimmingCharacters(in: .whitespacesAndNewlines))
                    """)
                // Whatever the damage did, no QEMU runs unlisted and none is listed that does not run.
                if let disagreement = await harness.truth.settle() {
                    Issue.record("\(file) \(damage): \(disagreement)")
                }
                // Cleared for the next round: what the damage left is removed by hand where the driver cannot.
                try? FileManager.default.removeItem(atPath: "\(fixture.root)/\(file)")
                for pid in harness.truth.qemuPIDs() { kill(pid, SIGKILL) }
                try await harness.clear()
                let undefine = try await Self.bounded(fixture, "undefine bystander")
                #expect(undefine.status == 0, "\(undefine.error)")
            }
            print("damaged \(file):\n  " + report.joined(separator: "\n  "))
        }
    }

    @Test("a save image whose stream is corrupt: restore says QEMU's reason, in no words of Swift's")
    func corruptStream() async throws {
        try await GuestFixture.with { fixture in
            let harness = Harness(fixture: fixture)
            try await harness.prepare(.saved)
            var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: harness.savePath)))
            let xmlLength = bytes[20..<24].withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
            let stream = 28 + xmlLength
            for index in (stream + 16)..<min(bytes.count, stream + 4096) { bytes[index] = 0x5A }
            try Data(bytes).write(to: URL(fileURLWithPath: harness.savePath))
            let restore = try await Self.bounded(fixture, "restore \(harness.savePath)")
            #expect(restore.status == 1)
            #expect(restore.error.contains("error: operation failed: QEMU ended: "), "\(restore.error)")
            #expect(restore.error.contains("load of migration failed"), "\(restore.error)")
            #expect(!restore.error.contains("descriptor:") && !restore.error.contains("QMP"), "\(restore.error)")
            #expect(await harness.truth.settle() == nil)
        }
    }
}
