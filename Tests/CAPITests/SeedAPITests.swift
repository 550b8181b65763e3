import Testing
import VirtTestSupport

/// The differential test: seed_api.c, built once against SwiftVirt and once against Debian's libvirt 9.0,
/// must print the same lines, on stdout (results, errors, callbacks) and on stderr (the default handler).
@Suite struct SeedAPITests {
    @Test func seedProgramMatchesLibvirtLineForLine() async throws {
        try await expectSameAsLibvirt("seed_api.c")
    }

    /// The same program managing a remote libvirtd: SwiftVirt's libvirt.so speaks the RPC protocol itself
    /// (its remote driver), Debian's through its own; both against one fresh private libvirtd 9.0.
    @Test func seedProgramThroughARemoteLibvirtdMatchesLibvirt() async throws {
        let daemon = try await PrivateLibvirtd()
        do {
            try await expectSameAsLibvirt("seed_api.c", environment: ["SEED_URI": daemon.testURI])
        } catch {
            await daemon.stop()
            throw error
        }
        await daemon.stop()
    }
}
