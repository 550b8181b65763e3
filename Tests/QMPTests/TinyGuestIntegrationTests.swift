import Foundation
import QMP
import Synchronization
import Testing
import VirtTestSupport

/// The client against a real QEMU running the tiny guest under TCG: run control, status,
/// balloon, vCPU hotplug, save and restore through passed descriptors, and the ACPI power button.
@Suite("QMPClient against QEMU (TCG)", .tags(.qemuBoot), .guestSlot)
struct TinyGuestIntegrationTests {
    @Test(
        "drives a real guest: stop/cont, query-status, balloon, CPU hotplug, save/restore, system_powerdown",
        .timeLimit(.minutes(10))  // with the wait for a guest slot
    )
    func realGuest() async throws {
        _ = try TinyGuest.qemuBinary()  // fail first, and clearly, when QEMU is missing
        let image = try await TestGuestImage.shared()
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let guest = try TinyGuest(image: image, directory: directory, name: "guest")
        let client = try await QMPClient.connect(socketPath: guest.socketPath, timeout: .seconds(20))
        #expect(client.greeting.version >= QMPVersion(major: 7, minor: 2, micro: 0))

        let events = Mutex<[QMPEvent]>([])
        let collector = Task {
            for await event in client.events { events.withLock { $0.append(event) } }
        }

        // The first boot waits longest: in a full test run it competes with every other TCG guest on the
        // host (once over 60 s, with the console still empty).
        try await guest.waitForSerialLine("SWIFTVIRT-GUEST-READY", timeout: .seconds(120))
        #expect(try await client.queryStatus() == QMPStatus(status: .running, running: true))
        #expect(try await client.queryMigrate() == QMPMigrationInfo(status: .none))

        // stop freezes the guest: no tick while paused; cont resumes with the very next one.
        try await guest.waitForSerial("a tick") { $0.contains("SWIFTVIRT-TICK 1\n") }
        try await client.stop()
        #expect(try await client.queryStatus() == QMPStatus(status: .paused, running: false))
        let lastTick = try #require(guest.ticks.last)
        try await Task.sleep(for: .milliseconds(2500))
        #expect(guest.ticks.last == lastTick)
        try await client.cont()
        #expect(try await client.queryStatus().status == .running)
        try await guest.waitForSerialLine("SWIFTVIRT-TICK \(lastTick + 1)", timeout: .seconds(10))

        // The balloon takes memory from the guest; the guest sees MemTotal shrink.
        let initialMemTotal = try #require(Self.memTotals(guest.serial).first)
        try await client.balloon(bytes: 96 << 20)
        try await Self.poll("the balloon to reach 96 MiB") { try await client.queryBalloon() == 96 << 20 }
        try await guest.waitForSerial("a smaller MemTotal", timeout: .seconds(20)) {
            Self.memTotals($0).contains { $0 < initialMemTotal - 30_000 }
        }

        // vCPU hotplug into the free slot; the guest brings it online.
        let slots = try await client.queryHotpluggableCPUs()
        #expect(slots.count == 2)
        let free = try #require(slots.first { !$0.isPlugged })
        try await client.deviceAdd(cpu: free, id: "vcpu1")
        try await guest.waitForSerialLine("SWIFTVIRT-CPUS 2", timeout: .seconds(20))
        let cpus = try await client.queryCPUsFast()
        #expect(cpus.map(\.cpuIndex) == [0, 1])
        #expect(Set(cpus.map(\.threadID)).count == 2)

        // Save: stop, pass an open file to QEMU, migrate into it.
        try await client.stop()
        let savedTick = try #require(guest.ticks.last)
        let savePath = directory.appendingPathComponent("saved.state").path
        let saveFile = open(savePath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        try #require(saveFile >= 0)
        try await client.getfd(name: "save", descriptor: saveFile)
        close(saveFile)
        try await client.migrate(uri: "fd:save")
        let saved = try await Self.migrationFinished(client)
        #expect(saved.status == .completed)
        #expect(try await client.queryStatus().status == .postMigrate)
        let savedSize = try #require(try FileManager.default.attributesOfItem(atPath: savePath)[.size] as? Int)
        #expect(savedSize > 1 << 20)

        // Restore into a second QEMU started with -incoming defer; the guest continues from its tick.
        let restored = try TinyGuest(
            image: image,
            directory: directory,
            name: "restored",
            extraArguments: [
                "-incoming", "defer", "-device", "qemu64-x86_64-cpu,id=vcpu1,socket-id=0,core-id=1,thread-id=0",
            ]
        )
        let restoredClient = try await QMPClient.connect(socketPath: restored.socketPath, timeout: .seconds(20))
        #expect(try await restoredClient.queryStatus().status == .incomingMigration)
        let loadFile = open(savePath, O_RDONLY | O_CLOEXEC)
        try #require(loadFile >= 0)
        try await restoredClient.getfd(name: "load", descriptor: loadFile)
        close(loadFile)
        try await restoredClient.migrateIncoming(uri: "fd:load")
        #expect(try await Self.migrationFinished(restoredClient).status == .completed)
        #expect(try await restoredClient.queryStatus() == QMPStatus(status: .paused, running: false))
        try await restoredClient.cont()
        try await restored.waitForSerialLine("SWIFTVIRT-TICK \(savedTick + 1)", timeout: .seconds(20))
        #expect(try await restoredClient.queryCPUsFast().count == 2)
        try await restoredClient.quit()
        #expect(try await restored.waitForExit() == 0)

        // The ACPI power button: the guest powers off, QEMU exits, the connection ends.
        try await client.cont()
        try await client.systemPowerdown()
        try await guest.waitForSerialLine("SWIFTVIRT-GUEST-POWEROFF", timeout: .seconds(20))
        #expect(try await guest.waitForExit() == 0)
        await collector.value
        let names = events.withLock { $0.map(\.name) }
        for expected in ["STOP", "RESUME", "BALLOON_CHANGE", "POWERDOWN", "SHUTDOWN"] {
            #expect(names.contains(expected), "no \(expected) event in \(names)")
        }
        #expect(events.withLock { $0.last { $0.name == "SHUTDOWN" }?.data["reason"] } == "guest-shutdown")
        await #expect(throws: QMPError.closed) { try await client.queryStatus() }
    }

    private static func memTotals(_ serial: String) -> [Int] {
        serial.split(separator: "\n").compactMap { line in
            line.hasPrefix("SWIFTVIRT-MEMTOTAL ") ? Int(line.dropFirst("SWIFTVIRT-MEMTOTAL ".count)) : nil
        }
    }

    private static func migrationFinished(_ client: QMPClient) async throws -> QMPMigrationInfo {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            let info = try await client.queryMigrate()
            if info.status.isFinished { return info }
            guard ContinuousClock.now < deadline else {
                throw TinyGuest.Failure.timeout("migration (\(info.status))", serial: "")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    private static func poll(_ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw TinyGuest.Failure.timeout(what, serial: "") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    private static func temporaryDirectory() throws -> URL {
        // Short, so socket paths stay far below the 108-byte limit of sockaddr_un.
        let url = URL(fileURLWithPath: "/tmp/swiftvirt-qmp-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
