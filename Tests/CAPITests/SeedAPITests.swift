import Testing
import VirtTestSupport

/// The differential test: seed_api.c, built once against SwiftVirt and once against Debian's libvirt 9.0,
/// must print the same lines, on stdout (results, errors, callbacks) and on stderr (the default handler).
@Suite struct SeedAPITests {
    @Test func seedProgramMatchesLibvirtLineForLine() async throws {
        let ours = try await CProgram.run(try await CProgram.build("seed_api.c", against: .swiftVirt))
        let reference = try await CProgram.run(try await CProgram.build("seed_api.c", against: .debian))
        #expect(reference.succeeded, "libvirt's run failed: \(reference.transcript)")
        #expect(ours.succeeded, "SwiftVirt's run failed: \(ours.transcript)")
        await expectSameLines(ours.standardOutput, reference.standardOutput, "stdout")
        await expectSameLines(ours.standardError, reference.standardError, "stderr")
    }

    /// The same program managing a remote libvirtd: SwiftVirt's libvirt.so speaks the RPC protocol itself
    /// (its remote driver), Debian's through its own; both against one fresh private libvirtd 9.0.
    @Test func seedProgramThroughARemoteLibvirtdMatchesLibvirt() async throws {
        let daemon = try await PrivateLibvirtd()
        let environment = ["SEED_URI": daemon.testURI]
        let ours = try await CProgram.run(try await CProgram.build("seed_api.c", against: .swiftVirt), environment: environment)
        let reference = try await CProgram.run(try await CProgram.build("seed_api.c", against: .debian), environment: environment)
        await daemon.stop()
        #expect(reference.succeeded, "libvirt's run failed: \(reference.transcript)")
        #expect(ours.succeeded, "SwiftVirt's run failed: \(ours.transcript)")
        await expectSameLines(ours.standardOutput, reference.standardOutput, "stdout")
        await expectSameLines(ours.standardError, reference.standardError, "stderr")
    }
}
