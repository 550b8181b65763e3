import Testing
import VirtTestSupport

/// typed_params_add.c (the virTypedParamsAdd* builders: growth, values, parsing from strings and its
/// errors, string lists), built against SwiftVirt and against Debian's libvirt 9.0, prints the same lines.
@Suite struct TypedParameterAPITests {
    @Test func buildersMatchLibvirtLineForLine() async throws {
        try await expectSameAsLibvirt("typed_params_add.c")
    }
}
