import Testing
import VirtTestSupport

/// streams.c (streams on test:///default, whose driver has no consoles: every transfer call's answer on an
/// unused stream, blocking and not), built against SwiftVirt and against Debian's libvirt 9.0, prints the
/// same lines. A real console through streams is QEMUGuestTests.consoleStreams.
@Suite struct StreamAPITests {
    @Test func unusedStreamsMatchLibvirtLineForLine() async throws {
        let ours = try await CProgram.run(try await CProgram.build("streams.c", against: .swiftVirt))
        let reference = try await CProgram.run(try await CProgram.build("streams.c", against: .debian))
        #expect(reference.succeeded, "libvirt's run failed: \(reference.transcript)")
        #expect(ours.succeeded, "SwiftVirt's run failed: \(ours.transcript)")
        await expectSameLines(ours.standardOutput, reference.standardOutput, "stdout")
        await expectSameLines(ours.standardError, reference.standardError, "stderr")
    }
}
