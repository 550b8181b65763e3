import Testing
import VirtTestSupport

/// streams.c (streams on test:///default, whose driver has no consoles: every transfer call's answer on an
/// unused stream, blocking and not), built against SwiftVirt and against Debian's libvirt 9.0, prints the
/// same lines. A real console through streams is QEMUGuestTests.consoleStreams.
@Suite struct StreamAPITests {
    @Test func unusedStreamsMatchLibvirtLineForLine() async throws {
        try await expectSameAsLibvirt("streams.c")
    }
}
