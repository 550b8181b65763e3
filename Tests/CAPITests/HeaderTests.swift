import Testing

/// libvirt.h and virterror.h against Debian's libvirt-dev: same struct layouts, enum values and macro
/// results, and every declaration accepted by `cc -Wall -Wextra -Werror`.
@Suite struct HeaderTests {
    @Test func structsEnumsAndMacrosMatchLibvirt() async throws {
        let ours = try await CProgram.run(try await CProgram.build("abi_check.c", against: .swiftVirt))
        let reference = try await CProgram.run(try await CProgram.build("abi_check.c", against: .debian))
        #expect(ours.succeeded, "\(ours.transcript)")
        #expect(reference.succeeded, "\(reference.transcript)")
        #expect(ours.standardOutput.split(separator: "\n").count > 250, "the check printed too little")
        await expectSameLines(ours.standardOutput, reference.standardOutput, "ABI facts")
    }

    /// virDomainKernel, virDeviceMode and virDomainRestart are the seed's own (libvirt dropped them).
    @Test func seedOnlyDeclarationsMatchTheSeed() async throws {
        let result = try await CProgram.run(try await CProgram.build("seed_types.c", against: .swiftVirt))
        #expect(result.succeeded, "\(result.transcript)")
        #expect(result.standardOutput == "seed types match\n")
    }
}
