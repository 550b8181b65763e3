import Foundation
import Testing
import Virt
import VirtTestSupport

/// The seed's operations on a real guest (QEMU, TCG) through the Swift API, checked by their effects on
/// the guest and the host. Serialised: each boot takes a core for seconds.
@Suite(.serialized, .tags(.qemuBoot), .guestSlot)
struct GuestLifecycleTests {
    @Test("a persistent guest through its whole life")
    func lifecycle() async throws {
        let fixture = try await GuestFixture()
        defer { Task { await fixture.tearDown() } }
        let conn = try await Connection.open(fixture.uri)
        defer { conn.close() }
        #expect(try conn.hypervisorType() == "QEMU")
        #expect(try await conn.hypervisorVersion().major >= 7)

        let dom = try await conn.defineDomain(xml: fixture.xml("life"))
        #expect(try await conn.definedDomainNames() == ["life"])
        try await dom.start()
        #expect(dom.id > 0)
        try await fixture.waitForConsole("life", "SWIFTVIRT-GUEST-READY")
        var info = try await dom.info()
        #expect(info.state == .running)
        #expect(info.maxMemoryKiB == 192 * 1024)
        #expect(info.virtualCPUs == 1)
        #expect(try await conn.domainIDs() == [dom.id])
        #expect(try await dom.osType() == "hvm")
        #expect(try await dom.xmlDescription().contains("<domain type='qemu' id='\(dom.id)'>"))

        // Suspend stops the guest's CPU: no ticks and no CPU time while paused; resume continues.
        try await fixture.waitForConsole("life", "SWIFTVIRT-TICK 1")
        try await dom.suspend()
        #expect(try await dom.state() == DomainStateInfo.paused(.user))
        let pausedTick = fixture.lastTick("life")
        let pausedCPU = try await dom.info().cpuTimeNanoseconds
        try await Task.sleep(for: .seconds(2))
        #expect(fixture.lastTick("life") == pausedTick)
        #expect(try await dom.info().cpuTimeNanoseconds - pausedCPU < 200_000_000)
        try await dom.resume()
        try await fixture.wait("life") { fixture.lastTick("life") > pausedTick }

        // The balloon: the guest's memory shrinks, and info reports what the balloon says.
        try await dom.setMemory(128 * 1024)
        try await fixture.wait("life") { try await dom.info().memoryKiB == 128 * 1024 }
        try await fixture.waitForConsole("life", "SWIFTVIRT-MEMTOTAL", count: 2)
        await #expect(throws: VirtError.self) { try await dom.setMaxMemory(256 * 1024) }

        // vCPU hot-plug up to the maximum, then pinning visible in /proc.
        try await dom.setVcpus(2)
        let vcpus = try await dom.vcpus()
        #expect(vcpus.count == 2)
        #expect(try await dom.info().virtualCPUs == 2)
        try await dom.pinVcpu(1, to: CPUMap(cpuCount: 2, usable: [0]))
        let pid = try #require(fixture.pid("life"))
        let threads = try await dom.vcpus()
        #expect(threads[1].affinity.usableCPUs == [0])
        let vcpuThreads = try await ProcessRunner.run("/bin/sh", ["-c", "grep -l '^CPU 1/' /proc/\(pid)/task/*/comm"]).output
        let tid = try #require(vcpuThreads.split(separator: "/").dropFirst(3).first.flatMap { Int32($0) })
        #expect(GuestFixture.allowedCPUs(pid: pid, thread: tid) == "0")
        #expect(try await dom.xmlDescription().contains("<vcpupin vcpu='1' cpuset='0'/>"))
        #expect(try await !dom.xmlDescription(flags: .inactive).contains("vcpupin"))

        // Save: no QEMU left, a file; restore: the same guest goes on where it was.
        let image = fixture.root + "/life.save"
        let savedTick = fixture.lastTick("life")
        try await dom.save(to: image)
        #expect(try await dom.state() == DomainStateInfo.shutoff(.saved))
        #expect(!ProcessControlProbe.isAlive(pid))
        #expect(FileManager.default.fileExists(atPath: image))
        let restored = try await conn.restoreDomain(from: image)
        #expect(restored.id > dom.id)
        #expect(try await restored.state() == DomainStateInfo.running(.restored))
        try await fixture.wait("life") { fixture.lastTick("life") > savedTick }
        #expect(fixture.count("SWIFTVIRT-GUEST-READY", in: "life") == 1)
        #expect(try await restored.info().memoryKiB == 128 * 1024)

        // Reboot: the guest powers off on the button and comes back.
        try await restored.reboot()
        try await fixture.waitForConsole("life", "SWIFTVIRT-GUEST-READY", count: 2)
        #expect(try await restored.state().state == .running)

        // Shutdown: the guest decides, powers off, and the domain is shut off.
        try await restored.shutdown()
        try await fixture.wait("life") { try await restored.state().state == .shutoff }
        #expect(fixture.count("SWIFTVIRT-GUEST-POWEROFF", in: "life") >= 2)
        #expect(try await restored.state() == DomainStateInfo.shutoff(.shutdown))
        try await restored.undefine()
        #expect(try await conn.definedDomainNames() == [])
    }

    @Test("a transient guest vanishes when destroyed; a killed QEMU reads as shut off")
    func transientAndKilled() async throws {
        let fixture = try await GuestFixture()
        defer { Task { await fixture.tearDown() } }
        let conn = try await Connection.open(fixture.uri)
        defer { conn.close() }
        let transient = try await conn.createDomain(xml: fixture.xml("brief"))
        #expect(try await !transient.isPersistent())
        let started = ContinuousClock.now
        try await transient.destroy()
        #expect(ContinuousClock.now - started < .seconds(3))
        await #expect(throws: VirtError.self) { try await conn.lookupDomain(name: "brief") }
        // A domain that is gone leaves no lock behind: a watcher that looked at it while it was destroyed may
        // make its lock file again, and then removes it at its next sweep of orphaned locks (every 2 s).
        try await fixture.wait("brief") { fixture.lockFiles() == [] }

        let dom = try await conn.defineDomain(xml: fixture.xml("killed"))
        try await dom.start()
        let pid = try #require(fixture.pid("killed"))
        kill(pid, SIGKILL)
        try await fixture.wait("killed") { try await dom.state().state == .shutoff }
        #expect(try await dom.state() == DomainStateInfo.shutoff(.crashed))
        #expect(try await conn.domainIDs() == [])
        try await dom.start()
        #expect(try await dom.isActive())
        #expect(fixture.lockFiles() == ["\(dom.uuidString).lock"], "a domain that is defined keeps its lock")
    }

    @Test("a domain named with 251 bytes, the most libvirt stores, runs: its sockets are named by UUID")
    func longestName() async throws {
        let fixture = try await GuestFixture()
        defer { Task { await fixture.tearDown() } }
        let conn = try await Connection.open(fixture.uri)
        defer { conn.close() }
        let name = String(repeating: "l", count: 251)
        let xml = fixture.image.domainXML(name: name, consolePath: "\(fixture.root)/long.console")
        let dom = try await conn.createDomain(xml: xml, flags: .paused)
        #expect(try await dom.state() == DomainStateInfo.paused(.user))
        #expect(try await conn.lookupDomain(name: name).uuid == dom.uuid)
        try await dom.resume()
        #expect(try await dom.state() == DomainStateInfo.running(.unpaused))
        try await dom.destroy()
        await #expect(throws: VirtError.self) { try await conn.lookupDomain(name: name) }
    }

    @Test("QEMU's own errors reach the caller")
    func qemuErrors() async throws {
        let fixture = try await GuestFixture()
        defer { Task { await fixture.tearDown() } }
        let conn = try await Connection.open(fixture.uri)
        defer { conn.close() }
        let disk = """
            <devices><disk type='file' device='disk'><source file='/nonexistent/disk.img'/>\
            <target dev='vda' bus='virtio'/></disk></devices>
            """
        let xml = fixture.xml("broken").replacingOccurrences(of: "<devices>", with: disk.replacingOccurrences(of: "</devices>", with: ""))
        let dom = try await conn.defineDomain(xml: xml)
        // Every failure says why, not only the first (QEMU's -D truncates the log it shares with its stderr).
        for attempt in 1...2 {
            do {
                try await dom.start()
                Issue.record("a guest with a missing disk image started")
            } catch {
                #expect(error.message.contains("/nonexistent/disk.img"), "attempt \(attempt): \(error.message)")
                #expect(error.message.contains("No such file or directory"), "attempt \(attempt): \(error.message)")
            }
        }
        #expect(try await dom.state().state == .shutoff)
        await #expect(throws: VirtError.self) { try await conn.defineDomain(xml: fixture.xml("x").replacingOccurrences(of: "type='qemu'", with: "type='lxc'")) }
    }
}

/// Whether a pid is a live process (not a zombie).
enum ProcessControlProbe {
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }
}

/// Host-side devices: a serial pty whose path the live XML reports, and a NIC on a bridge (root only: the
/// test makes its own bridge).
@Suite(.serialized, .tags(.qemuBoot), .guestSlot)
struct GuestDeviceTests {
    @Test("a pty serial port reports its /dev/pts path in the live XML")
    func ptySerial() async throws {
        let fixture = try await GuestFixture()
        defer { Task { await fixture.tearDown() } }
        let conn = try await Connection.open(fixture.uri)
        defer { conn.close() }
        let dom = try await conn.createDomain(xml: fixture.ptyXML("pty"))
        let live = try await dom.xmlDescription()
        let path = try #require(live.firstRange(of: "<source path='/dev/pts/").map { range in
            String(live[range.lowerBound...].dropFirst("<source path='".count).prefix { $0 != "'" })
        })
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(live.components(separatedBy: "<source path='\(path)'/>").count == 3, "serial and console: \(live)")
        try await dom.destroy()
    }

    @Test("a bridge interface gets a tap on the bridge, gone with QEMU", .enabled(if: getuid() == 0))
    func bridgeTap() async throws {
        let fixture = try await GuestFixture()
        defer { Task { await fixture.tearDown() } }
        let bridge = "svbr\(UInt16.random(in: 0...9999))"
        #expect(try await ProcessRunner.run("/sbin/ip", ["link", "add", bridge, "type", "bridge"]).status == 0)
        do {
            try await checkTap(on: bridge, fixture: fixture)
        } catch {
            _ = try? await ProcessRunner.run("/sbin/ip", ["link", "del", bridge])
            throw error
        }
        _ = try await ProcessRunner.run("/sbin/ip", ["link", "del", bridge])
    }

    private func checkTap(on bridge: String, fixture: GuestFixture) async throws {
        let conn = try await Connection.open(fixture.uri)
        defer { conn.close() }
        let xml = fixture.xml("bridged").replacingOccurrences(
            of: "<memballoon", with: "<interface type='bridge'><source bridge='\(bridge)'/><model type='virtio'/></interface><memballoon")
        let dom = try await conn.createDomain(xml: xml)
        let ports = try FileManager.default.contentsOfDirectory(atPath: "/sys/class/net/\(bridge)/brif")
        #expect(ports.count == 1)
        let live = try await dom.xmlDescription()
        #expect(live.contains("<target dev='\(ports.first ?? "?")'/>"), "\(live)")
        try await dom.destroy()
        #expect(try FileManager.default.contentsOfDirectory(atPath: "/sys/class/net/\(bridge)/brif").isEmpty)
    }
}
