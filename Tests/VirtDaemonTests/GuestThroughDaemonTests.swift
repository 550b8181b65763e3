import Foundation
import Testing
import Virt
import VirtTestSupport

/// A real guest (QEMU, TCG) driven through every seed operation by Debian's virsh 9.0 through virtd, checked
/// by its effects on the guest (its console) and the host (QEMU's process); and the daemon sharing one host
/// state with SwiftVirt's daemonless virsh. qemu:///session keeps everything in the XDG directories given
/// to both, under a temporary directory.
@Suite("a real guest through virtd", .serialized, .guestSlot)
struct GuestThroughDaemonTests {
    final class Host: Sendable {
        let root: String
        let environment: [String: String]
        let image: TestGuestImage
        let daemon: RunningDaemon

        init() async throws {
            image = try await TestGuestImage.shared()
            root = "/tmp/svd-\(UUID().uuidString.prefix(8))"
            for dir in ["config", "state", "run"] {
                try FileManager.default.createDirectory(atPath: "\(root)/\(dir)", withIntermediateDirectories: true)
            }
            var env = ProcessInfo.processInfo.environment
            env["XDG_CONFIG_HOME"] = "\(root)/config"
            env["XDG_STATE_HOME"] = "\(root)/state"
            env["XDG_RUNTIME_DIR"] = "\(root)/run"
            env["HOME"] = root
            environment = env
            daemon = try await RunningDaemon.start(environment: env)
        }

        var uri: String { daemon.uri("qemu:///session") }

        func console(_ name: String) -> String {
            ((try? String(contentsOfFile: "\(root)/\(name).console", encoding: .utf8)) ?? "").replacingOccurrences(of: "\r", with: "")
        }

        func count(_ marker: String, in name: String) -> Int { console(name).components(separatedBy: marker).count - 1 }

        func lastTick(_ name: String) -> Int {
            console(name).split(separator: "\n").last(where: { $0.hasPrefix("SWIFTVIRT-TICK ") })
                .flatMap { Int($0.dropFirst("SWIFTVIRT-TICK ".count).prefix(while: \.isNumber)) } ?? -1
        }

        func wait(_ what: String, timeout: Duration = .seconds(90), _ condition: () async throws -> Bool) async throws {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if try await condition() { return }
                try await Task.sleep(for: .milliseconds(100))
            }
            Issue.record("timed out waiting for \(what)")
            throw CancellationError()
        }

        /// Debian's virsh through the daemon.
        func virsh(_ commands: String) async throws -> ProcessRunner.Result {
            try await ProcessRunner.run("/usr/bin/virsh", ["-c", uri, commands])
        }

        /// SwiftVirt's own virsh, daemonless, on the same host state.
        func daemonlessVirsh(_ commands: String) async throws -> ProcessRunner.Result {
            let virsh = URL(fileURLWithPath: RunningDaemon.executable).deletingLastPathComponent().appendingPathComponent("virsh").path
            return try await ProcessRunner.run(virsh, ["-c", "qemu:///session", commands], environment: environment)
        }

        func writeXML(_ name: String) throws -> String {
            let path = "\(root)/\(name).xml"
            try image.domainXML(name: name, consolePath: "\(root)/\(name).console").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        /// Runs `body` on a fresh host, tearing it down (QEMU destroyed, daemon stopped, files removed)
        /// however `body` ends.
        @discardableResult
        static func with<Result>(_ body: (Host) async throws -> Result) async throws -> Result {
            let host = try await Host()
            do {
                let result = try await body(host)
                await host.tearDown()
                return result
            } catch {
                await host.tearDown()
                throw error
            }
        }

        func tearDown() async {
            _ = try? await daemonlessVirsh("destroy life; destroy other; destroy cons")
            await daemon.stop()
            // virtd hands over to a swiftvirt-watch as it stops, and the daemonless virsh may start one: they are
            // ended first, or they would make the removed state directories again.
            var quiet = 0
            while quiet < 3 {
                let watchers = GuestThroughDaemonTests.watcherProcesses(of: root)
                for pid in watchers { kill(pid, SIGKILL) }
                quiet = watchers.isEmpty ? quiet + 1 : 0
                try? await Task.sleep(for: .milliseconds(100))
            }
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    static func expectOK(_ result: ProcessRunner.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 0, "\(what): \(result.output)\(result.error)", sourceLocation: sourceLocation)
    }

    @Test("Debian's virsh runs a guest's whole life through virtd")
    func seedOperations() async throws {
        try await Host.with { host in
            let xml = try host.writeXML("life")
            Self.expectOK(try await host.virsh("define \(xml)"), "define")
            Self.expectOK(try await host.virsh("start life"), "start")
            try await host.wait("boot") { host.count("SWIFTVIRT-GUEST-READY", in: "life") >= 1 }
            let info = try await host.virsh("dominfo life")
            #expect(info.output.contains("State:          running"), "\(info.output)")
            #expect(info.output.contains("Max memory:     196608 KiB"))

            try await host.wait("ticks") { host.lastTick("life") >= 1 }
            Self.expectOK(try await host.virsh("suspend life"), "suspend")
            #expect(try await host.virsh("domstate --reason life").output == "paused (user)\n\n")
            let pausedTick = host.lastTick("life")
            try await Task.sleep(for: .seconds(2))
            #expect(host.lastTick("life") == pausedTick, "the guest ticked while paused")
            Self.expectOK(try await host.virsh("resume life"), "resume")
            try await host.wait("ticks after resume") { host.lastTick("life") > pausedTick }

            Self.expectOK(try await host.virsh("setmem life 131072"), "setmem")
            try await host.wait("balloon") { try await host.virsh("dominfo life").output.contains("Used memory:    131072 KiB") }
            Self.expectOK(try await host.virsh("setvcpus life 2"), "setvcpus")
            let vcpus = try await host.virsh("vcpucount life --live --active")
            #expect(vcpus.output == "2\n\n", "\(vcpus.output)\(vcpus.error)")
            Self.expectOK(try await host.virsh("vcpupin life 1 0"), "vcpupin")
            let pins = try await host.virsh("vcpuinfo life")
            #expect(pins.output.contains("CPU Affinity:   y-"), "\(pins.output)")

            // What monitoring exporters and virt-manager read: the balloon, QEMU's size, CPU and vCPU times.
            let memory = try await host.virsh("dommemstat life")
            #expect(memory.output.hasPrefix("actual 131072\n") && memory.output.contains("\nrss "), "\(memory.output)\(memory.error)")
            let stats = try await host.virsh("domstats --state --cpu-total --vcpu --balloon life")
            for field in ["state.state=1", "cpu.time=", "vcpu.current=2", "vcpu.1.time=", "balloon.current=131072", "balloon.rss="] {
                #expect(stats.output.contains("  \(field)"), "\(field): \(stats.output)\(stats.error)")
            }

            let image = "\(host.root)/life.save"
            let savedTick = host.lastTick("life")
            Self.expectOK(try await host.virsh("save life \(image)"), "save")
            #expect(try await host.virsh("domstate --reason life").output == "shut off (saved)\n\n")
            Self.expectOK(try await host.virsh("restore \(image)"), "restore")
            try await host.wait("ticks after restore") { host.lastTick("life") > savedTick }
            #expect(host.count("SWIFTVIRT-GUEST-READY", in: "life") == 1, "restore rebooted the guest")

            Self.expectOK(try await host.virsh("reboot life"), "reboot")
            try await host.wait("reboot") { host.count("SWIFTVIRT-GUEST-READY", in: "life") >= 2 }
            Self.expectOK(try await host.virsh("shutdown life"), "shutdown")
            try await host.wait("power off") { try await host.virsh("domstate life").output == "shut off\n\n" }
            Self.expectOK(try await host.virsh("undefine life"), "undefine")
            #expect(try await host.virsh("list --all --name").output == "\n")
        }
    }

    /// The console goldens: `Fixtures/console`, recorded through libvirtd 9.0 by scripts/qemu-console-goldens.sh.
    static let consoleFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/console")

    static func golden(_ name: String) throws -> String {
        try String(contentsOfFile: consoleFixtures.appendingPathComponent(name).path, encoding: .utf8)
    }

    /// A run as the goldens record it.
    static func recorded(_ result: ProcessRunner.Result) -> String {
        "exit: \(result.status)\n--- stdout ---\n\(result.output)--- stderr ---\n\(result.error)--- end ---\n"
    }

    @Test("python3-libvirt's console streams through virtd: what libvirtd 9.0 gives, session by session")
    func consoleStreamsMatchLibvirtd() async throws {
        try await Host.with { host in
            let program = Self.consoleFixtures.appendingPathComponent("console.py").path
            let result = try await ProcessRunner.run("/usr/bin/python3", [program, host.uri, try host.consoleGuestXML()])
            #expect(Self.recorded(result) == (try Self.golden("console.out")), "\(Self.recorded(result))")
        }
    }

    @Test("virsh console through virtd, Debian's and SwiftVirt's (the remote driver), on a terminal: as Debian's through libvirtd 9.0")
    func virshConsoleThroughDaemon() async throws {
        try await Host.with { host in
            let xml = try host.consoleGuestXML()
            let program = Self.consoleFixtures.appendingPathComponent("virsh-session.py").path
            let swiftVirsh = URL(fileURLWithPath: RunningDaemon.executable).deletingLastPathComponent().appendingPathComponent("virsh").path
            for virsh in ["/usr/bin/virsh", swiftVirsh] {
                var transcript = ""
                for ending in ["escape", "destroy"] {
                    if ending == "escape" {
                        Self.expectOK(try await host.virsh("create \(xml)"), "create")
                    }
                    transcript += Self.recorded(try await ProcessRunner.run("/usr/bin/python3", [program, virsh, host.uri, "cons", ending]))
                }
                #expect(transcript == (try Self.golden("virsh-session.out")), "\(virsh):\n\(transcript)")
            }
        }
    }

    /// Whether the console's end comes within `timeout` (whatever the guest says meanwhile is dropped).
    static func readsToEnd(_ console: ConsoleStream, timeout: Duration = .seconds(10)) throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try console.read(timeout: .milliseconds(200)) == nil { return true }
        }
        return false
    }

    @Test("the Swift API's consoles over the wire (the remote driver): both ways, one session at a time, the server's errors intact")
    func remoteConsoleSessions() async throws {
        try await Host.with { host in
            let xml = try String(contentsOfFile: try host.consoleGuestXML(), encoding: .utf8)
            let conn = try await Connection.open(host.uri)
            defer { conn.close() }
            let dom = try await conn.createDomain(xml: xml, flags: .paused)
            let first = try await dom.openConsole()
            try await dom.resume()
            #expect(try first.read(until: "SWIFTVIRT-GUEST-READY", timeout: .seconds(60)).contains("SWIFTVIRT-GUEST-READY"))
            try first.write(Array("typed-remotely\r".utf8))
            #expect(try first.read(until: "typed-remotely", timeout: .seconds(10)).contains("typed-remotely"), "keys reach the guest")

            let busy = await #expect(throws: VirtError.self) { _ = try await dom.openConsole() }
            #expect(busy?.code == .operationFailed && busy?.domain == .qemu)
            #expect(busy?.message == "operation failed: Active console session exists for this domain")
            let missing = await #expect(throws: VirtError.self) { _ = try await dom.openConsole(device: "serial1") }
            #expect(missing?.message == "internal error: cannot find character device serial1")

            // Forced in, the new session gets the console; the old one reads its end.
            let forced = try await dom.openConsole(device: "serial0", flags: .force)
            #expect(try Self.readsToEnd(first), "the session taken over reaches its end")
            first.close()
            #expect(try forced.read(until: "SWIFTVIRT-TICK", timeout: .seconds(30)).contains("SWIFTVIRT-TICK"))

            // The guest's end is the session's end.
            try await dom.destroy()
            #expect(try Self.readsToEnd(forced), "after destroy the console ends")
            forced.close()

            let readOnly = try await Connection.open(host.daemon.uri("qemu:///session", readOnly: true), readOnly: true)
            defer { readOnly.close() }
            let running = try await conn.createDomain(xml: xml)
            let denied = await #expect(throws: VirtError.self) { _ = try await readOnly.lookupDomain(name: "cons").openConsole() }
            #expect(denied?.message == "operation forbidden: read only access prevents virDomainOpenConsole")
            try await running.destroy()
        }
    }

    @Test("one host state: what the daemon starts the daemonless virsh sees, and the reverse")
    func sharedHostState() async throws {
        try await Host.with { host in
            let life = try host.writeXML("life")
            let other = try host.writeXML("other")
            Self.expectOK(try await host.virsh("create \(life)"), "create through virtd")
            Self.expectOK(try await host.daemonlessVirsh("create \(other)"), "create daemonless")
            let seenByDaemonless = try await host.daemonlessVirsh("list --name")
            let seenThroughDaemon = try await host.virsh("list --name")
            #expect(seenByDaemonless.output == "life\nother\n\n", "\(seenByDaemonless.output)\(seenByDaemonless.error)")
            #expect(seenThroughDaemon.output == "life\nother\n\n", "\(seenThroughDaemon.output)\(seenThroughDaemon.error)")
            Self.expectOK(try await host.daemonlessVirsh("destroy life"), "destroy daemonless")
            Self.expectOK(try await host.virsh("destroy other"), "destroy through virtd")
            #expect(try await host.virsh("list --all --name").output == "\n")
        }
    }
}

extension GuestThroughDaemonTests {
    @Test("kill -9 of virtd under load: no definition lost, the guest keeps running, a new virtd serves it")
    func killedUnderLoad() async throws {
        try await Host.with { host in
            let xml = try host.writeXML("life")
            Self.expectOK(try await host.virsh("define \(xml)"), "define")
            Self.expectOK(try await host.virsh("start life"), "start")
            try await host.wait("boot") { host.count("SWIFTVIRT-GUEST-READY", in: "life") >= 1 }
            // Load: clients listing and asking for info while the daemon dies under them.
            let load = try (0..<4).map { _ in
                try ProcessRunner.start("/usr/bin/virsh", ["-c", host.uri, String(repeating: "list --all; dominfo life; ", count: 200)])
            }
            try await Task.sleep(for: .milliseconds(300))
            await host.daemon.kill9()
            for client in load { _ = await client.wait() }
            // The guest runs on without any daemon; the daemonless virsh sees it and its definition.
            let seen = try await host.daemonlessVirsh("list --all")
            #expect(seen.output.contains(" life   running"), "\(seen.output)\(seen.error)")
            let tick = host.lastTick("life")
            try await host.wait("ticks without a daemon") { host.lastTick("life") > tick }
            // A new daemon on the same sockets serves the same state.
            let again = try await RunningDaemon.start(environment: host.environment, in: host.daemon.directory)
            let through = try await ProcessRunner.run("/usr/bin/virsh", ["-c", again.uri("qemu:///session"), "domstate life; list --all --name"])
            #expect(through.output == "running\n\nlife\n\n", "\(through.output)\(through.error)")
            Self.expectOK(try await ProcessRunner.run("/usr/bin/virsh", ["-c", again.uri("qemu:///session"), "destroy life; undefine life"]), "cleanup")
            await again.stop()
        }
    }
}

extension GuestThroughDaemonTests {
    @Test("qemu:/// capabilities through virtd: what clients such as virt-manager need to connect")
    func capabilities() async throws {
        let caps = try await Host.with { host in try await host.virsh("capabilities") }
        #expect(caps.status == 0, "\(caps.error)")
        #expect(caps.output.contains("<arch>x86_64</arch>"))
        #expect(caps.output.contains("<os_type>hvm</os_type>"))
        #expect(caps.output.contains("<domain type='qemu'/>"))
        #expect(caps.output.contains("<emulator>/usr/bin/qemu-system-x86_64</emulator>"), "\(caps.output)")
    }
}

extension GuestThroughDaemonTests {
    /// python3-libvirt's event loop, a lifecycle callback, and a guest that powers off by itself a second
    /// after it is ready: what a monitoring client of libvirtd sees.
    static let eventClient = """
        import sys, threading, libvirt
        libvirt.virEventRegisterDefaultImpl()
        conn = libvirt.open(sys.argv[1])
        done = threading.Event()
        def lifecycle(conn, dom, event, detail, opaque):
            print(dom.name(), event, detail, flush=True)
            if event == libvirt.VIR_DOMAIN_EVENT_STOPPED:
                done.set()
        conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, lifecycle, None)
        def loop():
            while not done.is_set():
                libvirt.virEventRunDefaultImpl()
        threading.Thread(target=loop, daemon=True).start()
        conn.createXML(open(sys.argv[2]).read(), 0)
        if not done.wait(120):
            print("no STOPPED event within 120 s", flush=True)
            sys.exit(1)
        """

    @Test("python3-libvirt through virtd gets the events of a guest that powers off by itself")
    func guestEventsThroughDaemon() async throws {
        try await Host.with { host in
            let xml = try host.writeXML("life")
            let acting = try String(contentsOfFile: xml, encoding: .utf8)
                .replacingOccurrences(of: "panic=-1 quiet", with: "panic=-1 quiet swiftvirt.after=1:poweroff")
            try acting.write(toFile: xml, atomically: true, encoding: .utf8)
            let result = try await ProcessRunner.run("/usr/bin/python3", ["-c", Self.eventClient, host.uri, xml])
            // RESUMED UNPAUSED, STARTED BOOTED, SHUTDOWN FINISHED (guest), STOPPED SHUTDOWN: libvirt 9.0's codes.
            #expect(result.output == "life 4 0\nlife 2 0\nlife 6 1\nlife 5 0\n", "\(result.output)\(result.error)")
            #expect(host.count("SWIFTVIRT-GUEST-ACT poweroff", in: "life") == 1)
            #expect(try await host.virsh("list --all --name").output == "\n")
        }
    }
}

extension GuestThroughDaemonTests.Host {
    /// The console goldens' guest ("cons", a pty console), written for this host.
    func consoleGuestXML() throws -> String {
        let path = "\(root)/cons.xml"
        try GuestThroughDaemonTests.golden("guest.xml.in")
            .replacingOccurrences(of: "@KERNEL@", with: image.kernel).replacingOccurrences(of: "@INITRD@", with: image.initrd)
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

extension GuestThroughDaemonTests {
    /// The `swiftvirt-watch` processes watching this host's state (their environment names its root).
    static func watcherProcesses(of root: String) -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap(Int32.init).filter { pid in
            guard let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
                  command.contains("swiftvirt-watch"),
                  let environment = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ")) else { return false }
            return String(decoding: environment, as: UTF8.self).contains("XDG_RUNTIME_DIR=\(root)/run")
        }
    }

    @Test("virtd's watching outlives an idle spell: a guest started after nothing ran for a while is still tended with no call")
    func watchingAfterIdle() async throws {
        try await Host.with { host in
            for (round, name) in ["life", "other"].enumerated() {
                let xml = try host.writeXML(name)
                let acting = try String(contentsOfFile: xml, encoding: .utf8)
                    .replacingOccurrences(of: "panic=-1 quiet", with: "panic=-1 quiet swiftvirt.after=1:poweroff")
                try acting.write(toFile: xml, atomically: true, encoding: .utf8)
                Self.expectOK(try await host.virsh("create \(xml)"), "create \(name) through virtd")
                let pidText = try String(contentsOfFile: "\(host.root)/run/swiftvirt/qemu/\(name).pid", encoding: .utf8)
                let qemu = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
                try await host.wait("\(name)'s power-off") { host.count("SWIFTVIRT-GUEST-ACT poweroff", in: name) >= 1 }
                // No call from here: QEMU stays, paused, after the guest's power-off until its watcher ends it
                // (on_poweroff destroy). Busybox's own power-off sequence takes 2 to 3 s of that.
                try await host.wait("QEMU of \(name) to end, with no call", timeout: .seconds(15)) { kill(qemu, 0) != 0 }
                // Longer than a watcher's idle time (DriverWatcher's idleExit) with nothing running.
                if round == 0 { try await Task.sleep(for: .seconds(13)) }
            }
            #expect(Self.watcherProcesses(of: host.root).isEmpty, "virtd watches its guests itself")
        }
    }

    @Test("virtd is the watcher: no swiftvirt-watch while it runs; stopped, it hands over to one that tends the guest")
    func daemonIsTheWatcher() async throws {
        try await Host.with { host in
            let xml = try host.writeXML("life")
            let acting = try String(contentsOfFile: xml, encoding: .utf8)
                .replacingOccurrences(of: "panic=-1 quiet", with: "panic=-1 quiet swiftvirt.after=6:poweroff")
            try acting.write(toFile: xml, atomically: true, encoding: .utf8)
            Self.expectOK(try await host.virsh("create \(xml)"), "create through virtd")
            try await host.wait("boot") { host.count("SWIFTVIRT-GUEST-READY", in: "life") >= 1 }
            #expect(Self.watcherProcesses(of: host.root).isEmpty, "virtd watches its guests itself")
            let pidText = try String(contentsOfFile: "\(host.root)/run/swiftvirt/qemu/life.pid", encoding: .utf8)
            let qemu = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))

            // Stopped while the guest runs: a swiftvirt-watch takes over and, with no call from anyone,
            // destroys the guest once it powers off (on_poweroff destroy).
            let stopped = await host.daemon.stop()
            #expect(stopped.status == 0, "\(stopped.error)")
            try await host.wait("a watcher process after virtd stopped", timeout: .seconds(10)) {
                !Self.watcherProcesses(of: host.root).isEmpty
            }
            try await host.wait("the guest's power-off") { host.count("SWIFTVIRT-GUEST-ACT poweroff", in: "life") >= 1 }
            try await host.wait("QEMU to end", timeout: .seconds(10)) { kill(qemu, 0) != 0 }
            #expect(try await host.daemonlessVirsh("list --all --name").output == "\n")
            for pid in Self.watcherProcesses(of: host.root) { kill(pid, SIGKILL) }
        }
    }
}
