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
        try await expectSameAsLibvirt(program)
    }

    @Test(.enabled(if: PrivateLibvirtd.isAvailable, "needs root and Debian's libvirtd"), arguments: programs)
    func statisticsThroughARemoteLibvirtdMatchLibvirt(program: String) async throws {
        let daemon = try await PrivateLibvirtd()
        do {
            try await expectSameAsLibvirt(program, environment: ["SEED_URI": daemon.testURI])
        } catch {
            await daemon.stop()
            throw error
        }
        await daemon.stop()
    }
}
