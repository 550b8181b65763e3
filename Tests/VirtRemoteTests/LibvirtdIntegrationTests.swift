import FoundationEssentials
import Glibc
import Testing
import Virt
import VirtDriver
import VirtRemote
import VirtTestSupport

/// The seed scenario through the Swift API against a fresh private libvirtd 9.0, its events, and keepalive
/// against a frozen daemon. Skipped where libvirtd is not installed or the tests do not run as root.
@Suite(.serialized, .enabled(if: PrivateLibvirtd.isAvailable, "needs root and Debian's libvirtd"))
struct LibvirtdIntegrationTests {
    static let newDomainXML = """
        <domain type='test'>
          <name>remote-new</name>
          <uuid>8f7d1a52-5b0e-4d44-9e6c-2f1f6bb0d9a1</uuid>
          <memory>1048576</memory>
          <vcpu>2</vcpu>
          <os><type>hvm</type></os>
        </domain>
        """

    @Test(.timeLimit(.minutes(1))) func theSeedScenarioThroughTheSwiftAPI() async throws {
        let daemon = try await PrivateLibvirtd()
        let connection = try await Connection.open(daemon.testURI)
        do {
            #expect(connection.uri.description == daemon.testURI)
            #expect(try connection.hypervisorType() == "TEST")
            #expect(try await connection.domains().map(\.name) == ["test"])
            let test = try await connection.lookupDomain(name: "test")
            #expect(test.id == 1)
            #expect(try await test.info().state == .running)

            try await test.suspend()
            #expect(try await test.info().state == .paused)
            try await test.resume()
            #expect(try await test.state().state == .running)

            try await test.setMemory(1_048_576, flags: .live)
            #expect(try await test.info().memoryKiB == 1_048_576)
            try await test.setVcpus(1, flags: .live)
            #expect(try await test.vcpus().count == 1)
            var map = CPUMap(length: 1)
            map.use(0)
            try await test.pinVcpu(0, to: map)
            #expect(try await test.vcpus().first?.affinity.usableCPUs == [0])
            #expect(try await test.xmlDescription().contains("<name>test</name>"))

            let path = daemon.directory + "/test.save"
            try await test.save(to: path)
            #expect(try await test.info().state == .shutoff)
            let restored = try await connection.restoreDomain(from: path)
            #expect(restored.name == "test")
            #expect(try await restored.info().state == .running)

            let new = try await connection.defineDomain(xml: Self.newDomainXML, flags: [])
            #expect(new.id == -1)
            try await new.start(flags: [])
            #expect(new.id > 0)  // learned through LOOKUP_BY_UUID after DOMAIN_CREATE, as libvirt does
            try await new.destroy()
            try await new.undefine(flags: [])
            #expect(try await connection.domains().map(\.name) == ["test"])

            // The server's errors arrive with code, domain and message intact.
            let missing = await #expect(throws: VirtError.self) { try await connection.lookupDomain(name: "nosuch") }
            #expect(missing?.code == .noDomain)
            #expect(missing?.domain == .test)
            #expect(missing?.message == "Domain not found")
            let notRunning = await #expect(throws: VirtError.self) { try await new.destroy() }
            #expect(notRunning?.code == .noDomain)
        } catch {
            connection.close()
            await daemon.stop()
            throw error
        }
        connection.close()
        await daemon.stop()
    }

    @Test(.timeLimit(.minutes(1))) func eventsArriveThroughConnectionEvents() async throws {
        let daemon = try await PrivateLibvirtd()
        let watcher = try await Connection.open(daemon.testURI)
        let actor = try await Connection.open(daemon.testURI)
        let events = try await watcher.events()
        let test = try await actor.lookupDomain(name: "test")
        try await test.suspend()
        try await test.resume()
        var seen: [DomainEvent.Body] = []
        for await event in events {
            #expect(event.domain.name == "test")
            seen.append(event.body)
            if seen.count == 2 { break }
        }
        #expect(seen == [.lifecycle(.suspendedPaused), .lifecycle(.resumedUnpaused)])
        watcher.close()
        actor.close()
        await daemon.stop()
    }

    /// The remote driver's table against what it does (``DriverTableCheck``): once its connection is closed,
    /// every operation it sends fails with the closed socket's error, while one that reaches a default answers
    /// "not supported" without asking the server (whose own "not supported" would look the same).
    @Test(.timeLimit(.minutes(1))) func theDriverTableSaysTruly() async throws {
        let daemon = try await PrivateLibvirtd()
        let driver = try await RemoteDriverFactory.open(try ConnectURI(parsing: daemon.testURI), readOnly: false)
        driver.connectClose()
        var closed = false
        for _ in 0..<100 where !closed {
            do throws(VirtError) {
                _ = try await driver.connectGetVersion()
            } catch {
                closed = error.message == "internal error: client socket is closed"
            }
            if !closed { try await Task.sleep(for: .milliseconds(50)) }
        }
        try #require(closed)
        #expect(await DriverTableCheck.failures(of: driver) == [])
        #expect(!(driver is any ImmediateQueries), "its queries cross the network: they wait")
        await daemon.stop()
    }

    /// SwiftVirt's virsh console (the remote driver's streams) on a terminal against libvirtd 9.0 running a
    /// real guest (TCG): what Debian's virsh does there, ended by Ctrl-] and by the guest's destruction
    /// (scripts/qemu-console-goldens.sh --compare; the golden is VirtDaemonTests' virsh-session.out).
    @Test(.timeLimit(.minutes(10)), .guestSlot)  // 3 min, plus the wait for a guest slot
    func virshConsoleAgainstLibvirtd() async throws {
        let script = TestGuestImage.repositoryRoot.appendingPathComponent("scripts/qemu-console-goldens.sh").path
        let virsh = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("virsh").path
        let result = try await ProcessRunner.run(script, ["--compare", virsh])
        #expect(result.status == 0, "\(result.output)\(result.error)")
    }

    @Test(.timeLimit(.minutes(1))) func aFrozenDaemonIsDetectedByKeepaliveWithinIntervalTimesCountPlusOne() async throws {
        let daemon = try await PrivateLibvirtd()
        let options = RemoteOptions(keepaliveInterval: 1, keepaliveCount: 2)
        let registry = DriverRegistry([RemoteDriverFactory.connectDriver(options: options)])
        let connection = try await Connection.open(daemon.testURI, drivers: registry)
        let test = try await connection.lookupDomain(name: "test")
        daemon.signal(SIGSTOP)
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: VirtError.self) { _ = try await test.info() }
        let waited = clock.now - start
        #expect(error?.message == "internal error: connection closed due to keepalive timeout")
        #expect(waited < .seconds(5))
        let later = await #expect(throws: VirtError.self) { _ = try await test.info() }
        #expect(later?.message == "internal error: client socket is closed")
        connection.close()
        await daemon.stop()
    }
}
