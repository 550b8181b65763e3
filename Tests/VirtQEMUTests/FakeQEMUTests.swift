import Foundation
import Testing
import Virt
import VirtOS
import VirtTestSupport

/// The QEMU driver against `fake-qemu`, a scripted QMP peer standing in for QEMU (no guest boots): every
/// operation and the failure of each QMP command it sends, in milliseconds each. The real guest is tested
/// in GuestLifecycleTests, WatcherTests and the others tagged qemuBoot.
@Suite("qemu:/// against a scripted QEMU")
struct FakeQEMUTests {
    @Test("a guest's whole life: start, info, suspend, resume, memory, vCPUs, shutdown, destroy")
    func wholeLife() async throws {
        try await FakeQEMUFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let recorder = EventRecorder(try await conn.events())
            let dom = try await conn.defineDomain(xml: try fixture.xml("life"))
            try await dom.start()
            #expect(try await dom.state() == DomainStateInfo.running(.booted))
            var info = try await dom.info()
            #expect(info.virtualCPUs == 1 && info.memoryKiB == 196_608 && info.maxMemoryKiB == 196_608)
            #expect(try await dom.xmlDescription().contains("<source path='/dev/pts/"), "the pty's path, asked of QEMU")

            try await dom.suspend()
            #expect(try await dom.state() == DomainStateInfo.paused(.user))
            try await dom.resume()
            #expect(try await dom.state() == DomainStateInfo.running(.unpaused))

            try await dom.setMemory(131_072)
            info = try await dom.info()
            #expect(info.memoryKiB == 131_072)
            try await dom.setVcpus(2)
            #expect(try await dom.vcpus().count == 2)
            try await dom.setVcpus(1)
            #expect(try await dom.vcpus().count == 1)

            try await dom.shutdown()
            try await fixture.wait("the guest to power off") { try await dom.state() == DomainStateInfo.shutoff(.shutdown) }
            try await dom.start()
            try await dom.destroy()
            #expect(try await dom.state() == DomainStateInfo.shutoff(.destroyed))
            #expect(fixture.fakeProcesses() == [])
            try await recorder.wait(for: .stoppedDestroyed, of: "life", timeout: .seconds(10))
            // As libvirt 9.0 emits them for the same calls (Fixtures/events/define-start-stop.events).
            #expect(recorder.lifecycle(of: "life") == [
                .definedAdded, .resumedUnpaused, .startedBooted, .suspendedPaused, .resumedUnpaused,
                .shutdownGuest, .stoppedShutdown, .resumedUnpaused, .startedBooted, .shutdownHost, .stoppedDestroyed,
            ])
        }
    }

    @Test("statistics: memory from the balloon and QEMU's size, disk counters by target, path or summed, the bulk groups")
    func statistics() async throws {
        try await FakeQEMUFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            for image in ["a.img", "b.img"] {
                FileManager.default.createFile(atPath: "\(fixture.root)/\(image)", contents: Data(count: 4096))
            }
            let devices = """
                <disk type='file' device='disk'><source file='\(fixture.root)/a.img'/><target dev='vda' bus='virtio'/></disk>
                <disk type='file' device='disk'><source file='\(fixture.root)/b.img'/><target dev='vdb' bus='virtio'/></disk>
                <interface type='user'><mac address='52:54:00:aa:bb:cc'/></interface>
                <serial type='pty'/>
                """
            let xml = try fixture.xml("st").replacingOccurrences(of: "<serial type='pty'/>", with: devices)
            let dom = try await conn.defineDomain(xml: xml)
            let notRunning = "Requested operation is not valid: domain is not running"
            #expect(await #expect(throws: VirtError.self) { try await dom.memoryStats() }?.message == notRunning)
            #expect(await #expect(throws: VirtError.self) { try await dom.blockStats(path: "vda") }?.message == notRunning)
            let stopped = try await conn.domainStats([dom], [.state, .balloon])
            #expect(stopped.first?.parameters == [
                TypedParameter("state.state", .int(5)), TypedParameter("state.reason", .int(0)),
                TypedParameter("balloon.current", .ullong(196_608)), TypedParameter("balloon.maximum", .ullong(196_608)),
            ])
            try await dom.start()

            // libvirt's order: the balloon's size, what the guest reported (KiB), when, QEMU's resident size.
            let memory = try await dom.memoryStats()
            #expect(memory.map(\.tag) == [.actualBalloon, .swapIn, .swapOut, .majorFault, .minorFault, .unused,
                                           .available, .usable, .lastUpdate, .diskCaches, .hugetlbPgalloc,
                                           .hugetlbPgfail, .rss])
            let value = { (tag: MemoryStatTag) in memory.first { $0.tag == tag }?.value }
            #expect(value(.actualBalloon) == 196_608 && value(.unused) == 98_304 && value(.available) == 196_608)
            #expect(value(.usable) == 147_456 && value(.diskCaches) == 12_288 && value(.minorFault) == 7)
            #expect(value(.lastUpdate) == 1_700_000_000 && (value(.rss) ?? 0) > 0)
            #expect(try await dom.memoryStats(maxStats: 2).map(\.tag) == [.actualBalloon, .swapIn])

            // The fake's drive i read 10+i requests of 4 KiB, wrote 20+i of 8 KiB.
            let first = try await dom.blockStats(path: "vda")
            #expect(first == DomainBlockStats(readRequests: 10, readBytes: 40_960, writeRequests: 20, writeBytes: 163_840, errors: -1))
            #expect(try await dom.blockStats(path: "\(fixture.root)/b.img").readRequests == 11)
            #expect(try await dom.blockStats(path: "").readRequests == 21, "no path: every disk summed")
            let invalid = await #expect(throws: VirtError.self) { try await dom.blockStats(path: "vdz") }
            #expect(invalid?.code == .invalidArg && invalid?.message == "invalid argument: invalid path: vdz")
            #expect(try await dom.blockStatsParameters(path: "vdb").map(\.field) == [
                "wr_bytes", "wr_operations", "rd_bytes", "rd_operations", "flush_operations", "wr_total_times",
                "rd_total_times", "flush_total_times",
            ])
            let user = await #expect(throws: VirtError.self) { try await dom.interfaceStats(device: "52:54:00:aa:bb:cc") }
            #expect(user?.message == "internal error: Interface name not provided", "a user-mode NIC has no host device")

            let running = try #require(try await conn.allDomainStats([.balloon], flags: .active).first)
            #expect(running.domain.name == "st")
            #expect(running.parameters.map(\.field) == [
                "balloon.current", "balloon.maximum", "balloon.swap_in", "balloon.swap_out", "balloon.major_fault",
                "balloon.minor_fault", "balloon.unused", "balloon.available", "balloon.usable", "balloon.last-update",
                "balloon.disk_caches", "balloon.hugetlb_pgalloc", "balloon.hugetlb_pgfail", "balloon.rss",
            ])
            // What virt-manager polls: the state, CPU time and vCPU counts (with each vCPU's thread's time and
            // scheduler waits). The fake answers query-stats as TCG does (nothing): halt-polling figures of 0.
            let polled = try #require(try await conn.allDomainStats([.state, .cpuTotal, .vcpu]).first)
            #expect(polled.parameters.map(\.field) == [
                "state.state", "state.reason", "cpu.time", "cpu.user", "cpu.system", "cpu.cache.monitor.count",
                "cpu.haltpoll.success.time", "cpu.haltpoll.fail.time", "vcpu.current", "vcpu.maximum", "vcpu.0.state", "vcpu.0.time", "vcpu.0.wait", "vcpu.0.delay",
            ])
            // The interface group counts a user-mode NIC and says no more; the block group has the counters of
            // the fake's drives (drive 1: 11 reads of 4 KiB) and the image files' sizes.
            let deviceStats = try #require(try await conn.allDomainStats([.interface, .block]).first).parameters
            #expect(deviceStats.prefix(2) == [TypedParameter("net.count", .uint(1)), TypedParameter("block.count", .uint(2))])
            #expect(deviceStats.contains(TypedParameter("block.1.rd.bytes", .ullong(45_056))))
            #expect(deviceStats.contains(TypedParameter("block.1.path", .string("\(fixture.root)/b.img"))))
            #expect(deviceStats.suffix(2) == [TypedParameter("block.1.capacity", .ullong(4096)), TypedParameter("block.1.physical", .ullong(4096))])
            // Every group libvirt 9.0 knows is filled; --enforce refuses what it does not know.
            let unknown = DomainStatsTypes(rawValue: 1 << 11)
            let enforced = await #expect(throws: VirtError.self) { try await conn.allDomainStats([.perf, unknown], flags: .enforceStats) }
            #expect(enforced?.message == "argument unsupported: Stats types bits 0x800 are not supported by this daemon")
            try await dom.destroy()
        }
    }

    @Test("the console carries what is written to the guest's serial port and its answer back; one session at a time")
    func console() async throws {
        try await FakeQEMUFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let dom = try await conn.createDomain(xml: try fixture.xml("cons"))
            let session = try await dom.openConsole()
            try session.write(Array("hello, guest\n".utf8))
            #expect(try session.read(until: "hello, guest", timeout: .seconds(10)).contains("hello, guest"), "the fake guest echoes")
            let busy = await #expect(throws: VirtError.self) { _ = try await dom.openConsole() }
            #expect(busy?.message == "operation failed: Active console session exists for this domain")
            session.close()
            let again = try await dom.openConsole()
            try again.write(Array("again\n".utf8))
            #expect(try again.read(until: "again", timeout: .seconds(10)).contains("again"))
            again.close()
            try await dom.destroy()
        }
    }

    @Test("vCPU pinning reaches QEMU's vCPU threads; a crash with coredump-destroy leaves the guest's core")
    func pinningAndCore() async throws {
        try await FakeQEMUFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let dom = try await conn.createDomain(xml: try fixture.xml("pin", extras: "<on_crash>coredump-destroy</on_crash>"))
            try await dom.pinVcpu(0, to: CPUMap(bytes: [1]), flags: .live)
            #expect(try await dom.vcpuPinInfo(flags: .live).first?.cpuList == "0")
            #expect(try await dom.vcpus().first?.affinity.cpuList == "0", "the vCPU's thread runs where it was pinned")

            try fixture.guest("pin", SIGHUP)
            try await fixture.wait("the crash's destroy") { (try? await conn.lookupDomain(name: "pin")) == nil }
            let dumps = (try? FileManager.default.contentsOfDirectory(atPath: "\(fixture.root)/dump/qemu")) ?? []
            #expect(dumps.count == 1 && dumps.first?.hasPrefix("pin-") == true, "one core named after the guest: \(dumps)")
        }
    }

    @Test("KVM's statistics (query-stats): the vm group and each vCPU's, named as libvirt names them, halt-polling summed; none under TCG")
    func kvmStatistics() async throws {
        try await FakeQEMUFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let kvm = try await conn.createDomain(xml: try fixture.xml("kvm", vcpus: 2, script: ["FAKE_QEMU_KVM_STATS": "1"]))
            let vm = try #require(try await conn.domainStats([kvm], [.vm]).first)
            // The histogram is left out, as libvirt leaves it.
            #expect(vm.parameters == [
                TypedParameter("vm.remote_tlb_flush.sum", .ullong(12)), TypedParameter("vm.pages_4k.cur", .ullong(1024)),
                TypedParameter("vm.max_mmu_page_hash_collisions.max", .ullong(3)),
            ])
            let cpu = try #require(try await conn.domainStats([kvm], [.cpuTotal]).first).parameters
            #expect(cpu.suffix(2) == [TypedParameter("cpu.haltpoll.success.time", .ullong(201)),
                                      TypedParameter("cpu.haltpoll.fail.time", .ullong(21))])
            // Each vCPU's own figures follow its standard ones, by the vCPU's QOM path.
            let vcpu = try #require(try await conn.domainStats([kvm], [.vcpu]).first).parameters.map(\.field)
            #expect(vcpu == [
                "vcpu.current", "vcpu.maximum",
                "vcpu.0.state", "vcpu.0.time", "vcpu.0.wait", "vcpu.0.delay", "vcpu.0.halt_poll_success_ns.sum", "vcpu.0.halt_poll_fail_ns.sum",
                "vcpu.1.state", "vcpu.1.time", "vcpu.1.wait", "vcpu.1.delay", "vcpu.1.halt_poll_success_ns.sum", "vcpu.1.halt_poll_fail_ns.sum",
            ])
            // A TCG machine has no such statistics: the group is empty, and --enforce accepts it (as libvirt 9.0).
            let tcg = try await conn.createDomain(xml: try fixture.xml("tcg"))
            #expect(try await conn.domainStats([tcg], [.vm], flags: .enforceStats).first?.parameters == [])
        }
    }

    @Test("a guest whose balloon driver never reported: only the balloon's size, when (never) and QEMU's size")
    func silentBalloon() async throws {
        try await FakeQEMUFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let dom = try await conn.defineDomain(xml: try fixture.xml("quiet", script: ["FAKE_QEMU_BALLOON_SILENT": "1"]))
            try await dom.start()
            let memory = try await dom.memoryStats()
            #expect(memory.map(\.tag) == [.actualBalloon, .lastUpdate, .rss])
            #expect(memory.first { $0.tag == .lastUpdate }?.value == 0)
            try await dom.destroy()
        }
    }

    @Test("the balloon's statistics period: set at start from the definition, changed live through QMP and persistently, refused without a balloon")
    func memoryStatsPeriod() async throws {
        try await FakeQEMUFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let log = "\(fixture.root)/period.log"
            /// The intervals QEMU was given, in order.
            func periodsSet() -> [Int] {
                ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { line in
                    guard let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                          json["execute"] as? String == "qom-set", let arguments = json["arguments"] as? [String: Any],
                          arguments["property"] as? String == "guest-stats-polling-interval" else { return nil }
                    return arguments["value"] as? Int
                }
            }
            let xml = try fixture.xml("per", script: ["FAKE_QEMU_LOG": log])
                .replacingOccurrences(of: "<memballoon model='virtio'/>", with: "<memballoon model='virtio'><stats period='7'/></memballoon>")
            let dom = try await conn.defineDomain(xml: xml)
            try await dom.start()
            #expect(periodsSet() == [7], "the definition's period reaches QEMU at start")

            try await dom.setMemoryStatsPeriod(3)
            #expect(periodsSet() == [7, 3])
            #expect(try await dom.xmlDescription().contains("<stats period='3'/>"))
            #expect(try await dom.xmlDescription(flags: .inactive).contains("<stats period='7'/>"), "current is the live guest")
            try await dom.setMemoryStatsPeriod(0, flags: .config)
            #expect(!(try await dom.xmlDescription(flags: .inactive).contains("<stats")), "0 is written as no <stats>")
            try await dom.setMemoryStatsPeriod(5, flags: [.live, .config])
            #expect(periodsSet() == [7, 3, 5])
            #expect(try await dom.xmlDescription().contains("<stats period='5'/>"))
            #expect(try await dom.xmlDescription(flags: .inactive).contains("<stats period='5'/>"))
            let negative = await #expect(throws: VirtError.self) { try await dom.setMemoryStatsPeriod(-1) }
            #expect(negative?.code == .invalidArg && negative?.message == "period in virDomainSetMemoryStatsPeriod must be zero or greater")
            let flags = await #expect(throws: VirtError.self) { try await dom.setMemoryStatsPeriod(1, flags: .maximum) }
            #expect(flags?.message == "unsupported flags (0x4) in function qemuDomainSetMemoryStatsPeriod")
            try await dom.destroy()
            let off = await #expect(throws: VirtError.self) { try await dom.setMemoryStatsPeriod(2, flags: .live) }
            #expect(off?.message == "Requested operation is not valid: domain is not running")
            try await dom.setMemoryStatsPeriod(2)
            #expect(try await dom.xmlDescription().contains("<stats period='2'/>"), "current is the definition while shut off")

            let none = try await conn.createDomain(xml: try fixture.xml("nob").replacingOccurrences(
                of: "<memballoon model='virtio'/>", with: "<memballoon model='none'/>"))
            let noBalloon = await #expect(throws: VirtError.self) { try await none.setMemoryStatsPeriod(2) }
            #expect(noBalloon?.code == .internalError)
            #expect(noBalloon?.message == "internal error: No memory balloon device configured, can not set the collection period")
            try await none.destroy()

            let refusing = try await conn.createDomain(xml: try fixture.xml("ref", script: ["FAKE_QEMU_FAIL": "qom-set"]))
            let refused = await #expect(throws: VirtError.self) { try await refusing.setMemoryStatsPeriod(2) }
            #expect(refused?.code == .operationInvalid)
            #expect(refused?.message == "Requested operation is not valid: unable to set balloon driver collection period")
            #expect(!(try await refusing.xmlDescription().contains("<stats")), "a period QEMU refused is not recorded")
            try await refusing.destroy()
        }
    }

    @Test("save and restore carry QEMU's state; a stream QEMU cannot load fails with QEMU's reason, nothing left running")
    func saveAndRestore() async throws {
        try await FakeQEMUFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let dom = try await conn.createDomain(xml: try fixture.xml("saved"))
            try await dom.setMemory(150_000)
            let image = "\(fixture.root)/saved.img"
            try await dom.save(to: image)
            await #expect(throws: VirtError.self) { try await conn.lookupDomain(name: "saved") }
            #expect(fixture.fakeProcesses() == [])

            var bytes = try Data(contentsOf: URL(fileURLWithPath: image))
            let restored = try await conn.restoreDomain(from: image)
            #expect(try await restored.state() == DomainStateInfo.running(.restored))
            #expect(try await restored.info().memoryKiB == 150_000, "the balloon as it was saved")
            try await restored.destroy()

            // Damage QEMU's stream (after SwiftVirt's header and XML): QEMU's own reason comes back.
            let stream = try #require(bytes.range(of: Data("FAKEQEMU-STREAM".utf8)))
            bytes[stream.lowerBound] = UInt8(ascii: "X")
            try bytes.write(to: URL(fileURLWithPath: image))
            let error = await #expect(throws: VirtError.self) { try await conn.restoreDomain(from: image) }
            #expect(error?.message.contains("load of migration failed: Invalid argument") == true, "\(String(describing: error))")
            await #expect(throws: VirtError.self) { try await conn.lookupDomain(name: "saved") }
            #expect(fixture.fakeProcesses() == [])
        }
    }

    @Test("reboot resets the guest through a power-off it does not leave: one REBOOT event, still running")
    func reboot() async throws {
        try await FakeQEMUFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let recorder = EventRecorder(try await conn.events())
            let dom = try await conn.createDomain(xml: try fixture.xml("rb"))
            let pid = fixture.pid("rb")
            try await dom.reboot()
            try await fixture.wait("the REBOOT event") { recorder.count(.reboot, of: "rb") == 1 }
            try await fixture.wait("the guest to run again") { try await dom.state().state == .running }
            #expect(fixture.pid("rb") == pid, "the same QEMU")
        }
    }

    @Test("a QEMU that ended while another operation holds its domain reads as recorded until that one is done")
    func endSeenMidOperation() async throws {
        try await FakeQEMUFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let dom = try await conn.defineDomain(xml: try fixture.xml("held"))
            try await dom.start()
            // This test is the other operation (a stop, say, between QEMU's end and its record of it).
            var held: FileLock?
            try await fixture.wait("the domain's lock") {
                held = try FileLock.tryLock("\(fixture.root)/run/qemu/\(dom.uuidString).lock")
                return held != nil
            }
            kill(try #require(fixture.pid("held")), SIGKILL)
            try await fixture.wait("QEMU's end") { fixture.fakeProcesses().isEmpty }
            let started = ContinuousClock.now
            #expect(try await dom.state() == DomainStateInfo.running(.booted), "no reason made up before the holder's")
            #expect(try await dom.info().state == .running)
            #expect(ContinuousClock.now - started < .seconds(2), "a socket nobody serves is not waited for")
            held?.unlock()
            #expect(try await dom.state() == DomainStateInfo.shutoff(.crashed))
        }
    }

    @Test("what the guest does by itself gets its lifecycle action at once, with no call in between")
    func guestActions() async throws {
        try await FakeQEMUFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let recorder = EventRecorder(try await conn.events())

            let off = try await conn.defineDomain(xml: try fixture.xml("off"))
            try await off.start()
            try fixture.guest("off", SIGUSR1)
            try await recorder.wait(for: .stoppedShutdown, of: "off", timeout: .seconds(10))
            #expect(try await off.state() == DomainStateInfo.shutoff(.shutdown))
            #expect(recorder.lifecycle(of: "off").suffix(2) == [.shutdownGuest, .stoppedShutdown])

            let again = try await conn.createDomain(xml: try fixture.xml("again", extras: "<on_poweroff>restart</on_poweroff>"))
            let first = fixture.pid("again")
            try fixture.guest("again", SIGUSR1)
            // As libvirt's QEMU driver: the same QEMU, reset and resumed; a REBOOT event, no lifecycle one.
            try await fixture.wait("the restart's REBOOT event") { recorder.count(.reboot, of: "again") == 1 }
            try await fixture.wait("the guest to run again") { try await again.state().state == .running }
            #expect(fixture.pid("again") == first)
            #expect(recorder.lifecycle(of: "again") == [.resumedUnpaused, .startedBooted])

            let panicked = try await conn.createDomain(xml: try fixture.xml("panicked", extras: "<on_crash>preserve</on_crash>"))
            try fixture.guest("panicked", SIGHUP)
            try await recorder.wait(for: .crashedPanicked, of: "panicked", timeout: .seconds(10))
            try await fixture.wait("the crashed state") { try await panicked.state() == DomainStateInfo.crashed(.panicked) }

            let rebooted = try await conn.createDomain(xml: try fixture.xml("rebooted"))
            try fixture.guest("rebooted", SIGUSR2)
            try await fixture.wait("the REBOOT event") { recorder.count(.reboot, of: "rebooted") == 1 }
            #expect(try await rebooted.state().state == .running)
        }
    }

    @Test("a guest that reboots the moment its CPUs first run is heard: a start lets it run only once the watcher listens")
    func rebootAtStart() async throws {
        try await FakeQEMUFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let recorder = EventRecorder(try await conn.events())
            // The second one's event monitor answers late, as on a loaded host: its start waits for the watcher.
            for (name, delay) in [("early", "0"), ("late", "0.5")] {
                let script = ["FAKE_QEMU_REBOOT_AT_START": "1", "FAKE_QEMU_EVENT_MONITOR_DELAY": delay]
                let dom = try await conn.createDomain(xml: try fixture.xml(name, script: script))
                try await fixture.wait("the REBOOT event of \(name)") { recorder.count(.reboot, of: name) == 1 }
                #expect(try await dom.state().state == .running)
                #expect(recorder.lifecycle(of: name) == [.resumedUnpaused, .startedBooted])
            }
            let run = Set(try FileManager.default.contentsOfDirectory(atPath: "\(fixture.root)/run/qemu"))
            for domain in try await conn.domains([.active]) { try await domain.destroy() }
            let after = Set(try FileManager.default.contentsOfDirectory(atPath: "\(fixture.root)/run/qemu"))
            #expect(run.filter { $0.hasSuffix(".watched") }.count == 2, "a mark per watched QEMU: \(run.sorted())")
            #expect(!after.contains { $0.hasSuffix(".watched") }, "marks go with their QEMU: \(after.sorted())")
        }
    }

    /// One operation with one QMP command failing in QEMU: the caller gets QEMU's message, the domain is
    /// left as it was.
    struct Failure: Sendable, CustomStringConvertible {
        let command: String
        let operation: String
        /// State after the failure.
        let after: DomainState
        var startPaused = false
        var description: String { "\(operation) with '\(command)' failing" }
    }

    static let failures = [
        Failure(command: "cont", operation: "start", after: .shutoff),
        Failure(command: "query-chardev", operation: "start", after: .shutoff),
        Failure(command: "stop", operation: "suspend", after: .running),
        Failure(command: "cont", operation: "resume", after: .paused, startPaused: true),
        Failure(command: "balloon", operation: "setMemory", after: .running),
        Failure(command: "device_add", operation: "setVcpus", after: .running),
        Failure(command: "query-hotpluggable-cpus", operation: "setVcpus", after: .running),
        Failure(command: "migrate", operation: "save", after: .running),
        Failure(command: "getfd", operation: "save", after: .running),
        Failure(command: "system_powerdown", operation: "shutdown", after: .running),
        Failure(command: "set-action", operation: "reboot", after: .running),
        Failure(command: "system_powerdown", operation: "reboot", after: .running),
        Failure(command: "query-blockstats", operation: "blockStats", after: .running),
        Failure(command: "qom-get", operation: "memoryStats", after: .running),
    ]

    @Test("a QMP command failing in QEMU: QEMU's message reaches the caller, the domain stays as it was", arguments: failures)
    func commandFails(_ failure: Failure) async throws {
        try await FakeQEMUFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let script = ["FAKE_QEMU_FAIL": "\(failure.command)=scripted failure"]
            let dom = try await conn.defineDomain(xml: try fixture.xml("f", script: script))
            if failure.operation != "start" { try await dom.start(flags: failure.startPaused ? .paused : []) }
            let image = "\(fixture.root)/f.img"
            let error = await #expect(throws: VirtError.self) {
                switch failure.operation {
                case "start": try await dom.start()
                case "suspend": try await dom.suspend()
                case "resume": try await dom.resume()
                case "setMemory": try await dom.setMemory(100_000)
                case "setVcpus": try await dom.setVcpus(2)
                case "save": try await dom.save(to: image)
                case "shutdown": try await dom.shutdown()
                case "reboot": try await dom.reboot()
                case "blockStats": _ = try await dom.blockStats(path: "")
                case "memoryStats": _ = try await dom.memoryStats()
                default: Issue.record("no operation '\(failure.operation)'")
                }
            }
            #expect(error?.code == .operationFailed)
            #expect(error?.message == "operation failed: unable to execute QEMU command '\(failure.command)': scripted failure")
            #expect(try await dom.state().state == failure.after)
            #expect(fixture.fakeProcesses().count == (failure.after == .shutoff ? 0 : 1))
            #expect(!FileManager.default.fileExists(atPath: image), "a failed save leaves no file it made")
            if failure.operation == "setMemory" { #expect(try await dom.info().memoryKiB == 196_608) }
            if failure.operation == "setVcpus" { #expect(try await dom.vcpus().count == 1) }
        }
    }

    @Test("QEMU refusing to start: its own words; destroy works when QEMU will not quit")
    func startErrorAndStubbornQuit() async throws {
        try await FakeQEMUFixture.with { fixture in
            let conn = try await Connection.open(fixture.uri)
            defer { conn.close() }
            let refused = try await conn.defineDomain(
                xml: try fixture.xml("refused", script: ["FAKE_QEMU_START_ERROR": "qemu-system-x86_64: -m size=9T: cannot set up guest memory"]))
            let error = await #expect(throws: VirtError.self) { try await refused.start() }
            #expect(error?.message.contains("cannot set up guest memory") == true, "\(String(describing: error))")
            #expect(try await refused.state().state == .shutoff)

            let stubborn = try await conn.createDomain(xml: try fixture.xml("stubborn", script: ["FAKE_QEMU_FAIL": "quit"]))
            try await stubborn.destroy()
            await #expect(throws: VirtError.self) { try await conn.lookupDomain(name: "stubborn") }
            #expect(fixture.fakeProcesses() == [])

            let deaf = try await conn.createDomain(xml: try fixture.xml("deaf", script: ["FAKE_QEMU_IGNORE_POWERDOWN": "1"]))
            try await deaf.shutdown()
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await deaf.state().state == .running, "a guest that ignores the button keeps running")
        }
    }
}
