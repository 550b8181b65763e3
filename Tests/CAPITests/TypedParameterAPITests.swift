import Testing
import VirtTestSupport

/// typed_params_add.c (the virTypedParamsAdd* builders: growth, values, parsing from strings and its
/// errors, string lists), built against SwiftVirt and against Debian's libvirt 9.0, prints the same lines.
@Suite struct TypedParameterAPITests {
    @Test func buildersMatchLibvirtLineForLine() async throws {
        let ours = try await CProgram.run(try await CProgram.build("typed_params_add.c", against: .swiftVirt))
        let reference = try await CProgram.run(try await CProgram.build("typed_params_add.c", against: .debian))
        #expect(reference.succeeded, "libvirt's run failed: \(reference.transcript)")
        #expect(ours.succeeded, "SwiftVirt's run failed: \(ours.transcript)")
        await expectSameLines(ours.standardOutput, reference.standardOutput, "stdout")
        await expectSameLines(ours.standardError, reference.standardError, "stderr")
    }
}
