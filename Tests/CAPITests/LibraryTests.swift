import Foundation
import Testing

/// libvirt.so itself: its soname, exactly libvirt's symbols under libvirt's symbol versions, and a Swift
/// runtime the loader finds without help.
@Suite struct LibraryTests {
    static let library = CProgram.buildDirectory.appendingPathComponent("libvirt.so").path

    /// The seed's functions, libvirt's error API, the statistics calls, typed parameters' readers and events, with the version node libvirt gives each.
    static let expectedSymbols: Set<String> = [
        "virConnectClose@@LIBVIRT_0.0.3", "virConnectGetType@@LIBVIRT_0.0.3",
        "virConnectGetVersion@@LIBVIRT_0.0.3", "virConnectListDomains@@LIBVIRT_0.0.3",
        "virConnectNumOfDomains@@LIBVIRT_0.0.3", "virConnectOpen@@LIBVIRT_0.0.3",
        "virConnectOpenReadOnly@@LIBVIRT_0.0.3", "virDomainCreateLinux@@LIBVIRT_0.0.3",
        "virDomainDestroy@@LIBVIRT_0.0.3", "virDomainFree@@LIBVIRT_0.0.3", "virDomainGetID@@LIBVIRT_0.0.3",
        "virDomainGetInfo@@LIBVIRT_0.0.3", "virDomainGetMaxMemory@@LIBVIRT_0.0.3",
        "virDomainGetName@@LIBVIRT_0.0.3", "virDomainGetOSType@@LIBVIRT_0.0.3",
        "virDomainGetXMLDesc@@LIBVIRT_0.0.3", "virDomainLookupByID@@LIBVIRT_0.0.3",
        "virDomainLookupByName@@LIBVIRT_0.0.3", "virDomainRestore@@LIBVIRT_0.0.3",
        "virDomainResume@@LIBVIRT_0.0.3", "virDomainSave@@LIBVIRT_0.0.3",
        "virDomainSetMaxMemory@@LIBVIRT_0.0.3", "virDomainShutdown@@LIBVIRT_0.0.3",
        "virDomainSuspend@@LIBVIRT_0.0.3", "virGetVersion@@LIBVIRT_0.0.3",
        "virDomainLookupByUUID@@LIBVIRT_0.0.5", "virDomainGetUUID@@LIBVIRT_0.0.5",
        "virInitialize@@LIBVIRT_0.1.0", "virNodeGetInfo@@LIBVIRT_0.1.0", "virDomainReboot@@LIBVIRT_0.1.0",
        "virCopyLastError@@LIBVIRT_0.1.0", "virConnSetErrorFunc@@LIBVIRT_0.1.0",
        "virResetLastError@@LIBVIRT_0.1.0", "virResetError@@LIBVIRT_0.1.0",
        "virConnGetLastError@@LIBVIRT_0.1.0", "virGetLastError@@LIBVIRT_0.1.0",
        "virSetErrorFunc@@LIBVIRT_0.1.0", "virConnCopyLastError@@LIBVIRT_0.1.0",
        "virConnResetLastError@@LIBVIRT_0.1.0", "virDefaultErrorFunc@@LIBVIRT_0.1.0",
        "virDomainLookupByUUIDString@@LIBVIRT_0.1.1", "virDomainGetUUIDString@@LIBVIRT_0.1.1",
        "virDomainSetMemory@@LIBVIRT_0.1.1", "virDomainDefineXML@@LIBVIRT_0.1.1",
        "virDomainCreate@@LIBVIRT_0.1.1", "virDomainUndefine@@LIBVIRT_0.1.1",
        "virConnectListDefinedDomains@@LIBVIRT_0.1.1",
        "virDomainSetVcpus@@LIBVIRT_0.1.4", "virDomainPinVcpu@@LIBVIRT_0.1.4", "virDomainGetVcpus@@LIBVIRT_0.1.4",
        "virDomainBlockStats@@LIBVIRT_0.3.2", "virDomainInterfaceStats@@LIBVIRT_0.3.2",
        "virConnectDomainEventRegister@@LIBVIRT_0.5.0", "virConnectDomainEventDeregister@@LIBVIRT_0.5.0",
        "virEventRegisterImpl@@LIBVIRT_0.5.0",
        "virConnectRef@@LIBVIRT_0.6.0", "virDomainRef@@LIBVIRT_0.6.0",
        "virFreeError@@LIBVIRT_0.6.1", "virSaveLastError@@LIBVIRT_0.6.1",
        "virStreamAbort@@LIBVIRT_0.7.2", "virStreamEventAddCallback@@LIBVIRT_0.7.2",
        "virStreamEventRemoveCallback@@LIBVIRT_0.7.2", "virStreamEventUpdateCallback@@LIBVIRT_0.7.2",
        "virStreamFinish@@LIBVIRT_0.7.2", "virStreamFree@@LIBVIRT_0.7.2", "virStreamNew@@LIBVIRT_0.7.2",
        "virStreamRecv@@LIBVIRT_0.7.2", "virStreamRef@@LIBVIRT_0.7.2", "virStreamSend@@LIBVIRT_0.7.2",
        "virDomainMemoryStats@@LIBVIRT_0.7.5",
        "virConnectDomainEventRegisterAny@@LIBVIRT_0.8.0", "virConnectDomainEventDeregisterAny@@LIBVIRT_0.8.0",
        "virDomainOpenConsole@@LIBVIRT_0.8.6",
        "virEventRegisterDefaultImpl@@LIBVIRT_0.9.0", "virEventRunDefaultImpl@@LIBVIRT_0.9.0",
        "virEventAddHandle@@LIBVIRT_0.9.3", "virEventUpdateHandle@@LIBVIRT_0.9.3", "virEventRemoveHandle@@LIBVIRT_0.9.3",
        "virEventAddTimeout@@LIBVIRT_0.9.3", "virEventUpdateTimeout@@LIBVIRT_0.9.3", "virEventRemoveTimeout@@LIBVIRT_0.9.3",
        "virDomainBlockStatsFlags@@LIBVIRT_0.9.5",
        "virTypedParamsClear@@LIBVIRT_1.0.2", "virTypedParamsFree@@LIBVIRT_1.0.2", "virTypedParamsGet@@LIBVIRT_1.0.2",
        "virTypedParamsGetBoolean@@LIBVIRT_1.0.2", "virTypedParamsGetDouble@@LIBVIRT_1.0.2",
        "virTypedParamsGetInt@@LIBVIRT_1.0.2", "virTypedParamsGetLLong@@LIBVIRT_1.0.2",
        "virTypedParamsGetString@@LIBVIRT_1.0.2", "virTypedParamsGetUInt@@LIBVIRT_1.0.2",
        "virTypedParamsGetULLong@@LIBVIRT_1.0.2",
        "virTypedParamsAddBoolean@@LIBVIRT_1.0.2", "virTypedParamsAddDouble@@LIBVIRT_1.0.2",
        "virTypedParamsAddFromString@@LIBVIRT_1.0.2", "virTypedParamsAddInt@@LIBVIRT_1.0.2",
        "virTypedParamsAddLLong@@LIBVIRT_1.0.2", "virTypedParamsAddString@@LIBVIRT_1.0.2",
        "virTypedParamsAddUInt@@LIBVIRT_1.0.2", "virTypedParamsAddULLong@@LIBVIRT_1.0.2",
        "virGetLastErrorMessage@@LIBVIRT_1.0.6",
        "virConnectGetAllDomainStats@@LIBVIRT_1.2.8", "virDomainListGetStats@@LIBVIRT_1.2.8",
        "virDomainStatsRecordListFree@@LIBVIRT_1.2.8",
        "virTypedParamsAddStringList@@LIBVIRT_1.2.17",
        "virGetLastErrorCode@@LIBVIRT_4.5.0", "virGetLastErrorDomain@@LIBVIRT_4.5.0",
    ]

    @Test func exportsExactlyLibvirtsSymbols() async throws {
        let result = try await CommandRunner.run("nm", ["-D", "--defined-only", Self.library])
        #expect(result.succeeded, "\(result.transcript)")
        // Version nodes appear as absolute symbols; everything else must be one of libvirt's functions.
        let exported = result.standardOutput.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ")
            guard fields.count == 3, fields[1] != "A" else { return nil }
            return String(fields[2])
        }
        #expect(Set(exported) == Self.expectedSymbols,
                "extra: \(Set(exported).subtracting(Self.expectedSymbols).sorted()) missing: \(Self.expectedSymbols.subtracting(exported).sorted())")
        #expect(exported.count == Self.expectedSymbols.count, "a symbol is exported twice")
    }

    @Test func hasLibvirtsSonameAndFindsTheSwiftRuntime() async throws {
        let dynamic = try await CommandRunner.run("readelf", ["-d", Self.library])
        #expect(dynamic.standardOutput.contains("Library soname: [libvirt.so.0]"), "\(dynamic.transcript)")
        let loader = try await CommandRunner.run("ldd", [Self.library])
        #expect(loader.succeeded, "\(loader.transcript)")
        #expect(!loader.standardOutput.contains("not found"), "\(loader.standardOutput)")
        #expect(loader.standardOutput.contains("libswiftCore.so"))
    }

    /// `PKG_CONFIG_PATH=<build dir> pkg-config --cflags --libs libvirt` points at SwiftVirt, and a program
    /// built that way loads SwiftVirt's libvirt.so.0, not the system's, without LD_LIBRARY_PATH.
    @Test func pkgConfigBuildsProgramsThatLoadThisLibrary() async throws {
        let flags = try await CProgram.pkgConfigFlags(for: .swiftVirt)
        #expect(flags.contains("-I\(CProgram.packageRoot.path)/Sources/CLibvirt/include"), "\(flags)")
        #expect(flags.contains("-L\(CProgram.buildDirectory.path)"), "\(flags)")
        let program = try await CProgram.build("handles.c", against: .swiftVirt)
        let loader = try await CommandRunner.run("ldd", [program.binary.path])
        #expect(loader.standardOutput.contains("libvirt.so.0 => \(CProgram.buildDirectory.path)/libvirt.so.0"),
                "\(loader.standardOutput)")
    }

    /// A drop-in replacement: the seed program compiled and linked against Debian's libvirt runs unchanged
    /// on SwiftVirt's libvirt.so.0 (same soname, same symbol versions, same ABI) and behaves exactly like
    /// the same program built against SwiftVirt.
    @Test func programsBuiltAgainstLibvirtRunOnThisLibrary() async throws {
        let native = try await CProgram.run(try await CProgram.build("seed_api.c", against: .swiftVirt))
        let program = try await CProgram.build("seed_api.c", against: .debian)
        let ourLibrary = ["LD_LIBRARY_PATH": CProgram.buildDirectory.path]
        let loader = try await CommandRunner.run(
            "ldd", [program.binary.path], environment: ProcessInfo.processInfo.environment.merging(ourLibrary) { $1 })
        #expect(loader.standardOutput.contains("libvirt.so.0 => \(CProgram.buildDirectory.path)/libvirt.so.0"),
                "\(loader.standardOutput)")
        let foreign = try await CProgram.run(program, environment: ourLibrary)
        #expect(foreign.succeeded, "\(foreign.transcript)")
        #expect(foreign.standardOutput == native.standardOutput)
        #expect(foreign.standardError == native.standardError)
    }
}
