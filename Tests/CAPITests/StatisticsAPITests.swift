import Testing
import VirtTestSupport

/// statistics.c (virDomainBlockStats, virDomainInterfaceStats, virDomainMemoryStats and their errors),
/// built against SwiftVirt and against Debian's libvirt 9.0, prints the same lines: on test:///default and
/// through a fresh private libvirtd 9.0 (SwiftVirt's remote driver against libvirt's own client).
@Suite struct StatisticsAPITests {
    @Test func statisticsMatchLibvirtLineForLine() async throws {
        let ours = try await CProgram.run(try await CProgram.build("statistics.c", against: .swiftVirt))
        let reference = try await CProgram.run(try await CProgram.build("statistics.c", against: .debian))
        #expect(reference.succeeded, "libvirt's run failed: \(reference.transcript)")
        #expect(ours.succeeded, "SwiftVirt's run failed: \(ours.transcript)")
        await expectSameLines(ours.standardOutput, reference.standardOutput, "stdout")
        await expectSameLines(ours.standardError, reference.standardError, "stderr")
    }

    @Test(.enabled(if: PrivateLibvirtd.isAvailable, "needs root and Debian's libvirtd"))
    func statisticsThroughARemoteLibvirtdMatchLibvirt() async throws {
        let daemon = try await PrivateLibvirtd()
        let environment = ["SEED_URI": daemon.testURI]
        let ours = try await CProgram.run(try await CProgram.build("statistics.c", against: .swiftVirt), environment: environment)
        let reference = try await CProgram.run(try await CProgram.build("statistics.c", against: .debian), environment: environment)
        await daemon.stop()
        #expect(reference.succeeded, "libvirt's run failed: \(reference.transcript)")
        #expect(ours.succeeded, "SwiftVirt's run failed: \(ours.transcript)")
        await expectSameLines(ours.standardOutput, reference.standardOutput, "stdout")
        await expectSameLines(ours.standardError, reference.standardError, "stderr")
    }
}
