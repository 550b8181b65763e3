import Testing
import VirtTestSupport

/// statistics.c (virDomainBlockStats, virDomainInterfaceStats, virDomainMemoryStats and their errors) and
/// typed_statistics.c (virConnectGetAllDomainStats, virDomainListGetStats, virDomainBlockStatsFlags, the
/// virTypedParams readers), built against SwiftVirt and against Debian's libvirt 9.0, print the same lines:
/// on test:///default and through a fresh private libvirtd 9.0 (SwiftVirt's remote driver against
/// libvirt's own client).
@Suite struct StatisticsAPITests {
    static let programs = ["statistics.c", "typed_statistics.c"]

    @Test(arguments: programs)
    func statisticsMatchLibvirtLineForLine(program: String) async throws {
        let ours = try await CProgram.run(try await CProgram.build(program, against: .swiftVirt))
        let reference = try await CProgram.run(try await CProgram.build(program, against: .debian))
        #expect(reference.succeeded, "libvirt's run failed: \(reference.transcript)")
        #expect(ours.succeeded, "SwiftVirt's run failed: \(ours.transcript)")
        await expectSameLines(ours.standardOutput, reference.standardOutput, "stdout")
        await expectSameLines(ours.standardError, reference.standardError, "stderr")
    }

    @Test(.enabled(if: PrivateLibvirtd.isAvailable, "needs root and Debian's libvirtd"), arguments: programs)
    func statisticsThroughARemoteLibvirtdMatchLibvirt(program: String) async throws {
        let daemon = try await PrivateLibvirtd()
        let environment = ["SEED_URI": daemon.testURI]
        let ours = try await CProgram.run(try await CProgram.build(program, against: .swiftVirt), environment: environment)
        let reference = try await CProgram.run(try await CProgram.build(program, against: .debian), environment: environment)
        await daemon.stop()
        #expect(reference.succeeded, "libvirt's run failed: \(reference.transcript)")
        #expect(ours.succeeded, "SwiftVirt's run failed: \(ours.transcript)")
        await expectSameLines(ours.standardOutput, reference.standardOutput, "stdout")
        await expectSameLines(ours.standardError, reference.standardError, "stderr")
    }
}
