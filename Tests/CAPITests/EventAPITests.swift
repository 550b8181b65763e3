import Testing
import VirtTestSupport

/// events.c (libvirt's default event loop with the caller's descriptors and timers, domain event
/// callbacks registered both ways, events from this connection and another, the argument errors, the free
/// callbacks), built against SwiftVirt and against Debian's libvirt 9.0, prints the same lines on
/// test:///default. Through a fresh private libvirtd 9.0, SwiftVirt's library prints those same lines
/// again. libvirt's own remote client is no reference there: it hands some events to the loop only at its
/// next wakeup (after the test has moved on), orders callbacks by their server-side registration, and
/// words the unknown-id error its own way.
@Suite struct EventAPITests {
    @Test func eventsMatchLibvirtLineForLine() async throws {
        try await expectSameAsLibvirt("events.c")
    }

    /// caller_event_loop.c: the program's own loop (virEventRegisterImpl) runs the callbacks; virConnectRef.
    /// libvirt also logs its refusal of a second registration to stderr (timestamped); this library is silent.
    @Test func eventsOnTheCallersOwnLoopMatchLibvirt() async throws {
        try await expectSameAsLibvirt("caller_event_loop.c", standardError: false)
    }

    @Test(.enabled(if: PrivateLibvirtd.isAvailable, "needs root and Debian's libvirtd"))
    func eventsThroughARemoteLibvirtdAreThoseOfTheLocalDriver() async throws {
        let daemon = try await PrivateLibvirtd()
        let remote = try await CProgram.run(try await CProgram.build("events.c", against: .swiftVirt),
                                            environment: ["SEED_URI": daemon.testURI])
        await daemon.stop()
        let reference = try await CProgram.run(try await CProgram.build("events.c", against: .debian))
        #expect(reference.succeeded, "libvirt's run failed: \(reference.transcript)")
        #expect(remote.succeeded, "SwiftVirt's run failed: \(remote.transcript)")
        await expectSameLines(remote.standardOutput, reference.standardOutput, "stdout")
    }
}
