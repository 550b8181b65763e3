import Foundation
import Testing

/// The C API under stress: many threads, hostile pointers, and memcheck.
@Suite struct RobustnessTests {
    /// 8 threads, each with its own connection and one shared by all, checking every answer.
    @Test func eightThreadsGetRightAnswers() async throws {
        let result = try await CProgram.run(try await CProgram.build("threads.c", against: .swiftVirt), arguments: ["200"])
        #expect(result.succeeded, "\(result.transcript)")
        #expect(result.standardOutput.hasSuffix(", 0 wrong\n"), "\(result.transcript)")
    }

    /// Freed, closed, forged and mistyped handles are reported, never dereferenced.
    @Test func staleAndForgedHandlesAreReported() async throws {
        let result = try await CProgram.run(try await CProgram.build("handles.c", against: .swiftVirt))
        #expect(result.succeeded, "\(result.transcript)")
        #expect(result.standardOutput.hasSuffix("all handles checked\n"), "\(result.transcript)")
    }

    /// The whole seed program, the threaded one, the typed-parameter ones and the events ones under valgrind memcheck: no invalid access, no use of
    /// uninitialised memory, no leak. Suppressions (Tests/CAPI/valgrind.supp) cover only the Swift
    /// runtime's one-time allocations and its own reads of them while laying out generic metadata.
    @Test(arguments: [
        ("seed_api.c", [String]()), ("threads.c", ["20"]), ("typed_statistics.c", []), ("typed_params_add.c", []),
        ("events.c", []), ("caller_event_loop.c", []), ("streams.c", []),
    ])
    func memcheckFindsNothing(program: String, arguments: [String]) async throws {
        let built = try await CProgram.build(program, against: .swiftVirt)
        // valgrind 3.19 cannot read the DWARF lld writes for the (large) debug library and gives up;
        // it runs on a copy without debug sections (symbols stay, so reports still name functions).
        let library = try CProgram.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: library) }
        let copy = library.appendingPathComponent("libvirt.so.0").path
        let strip = try await CommandRunner.run("objcopy", [
            "--strip-debug", CProgram.buildDirectory.appendingPathComponent("libvirt.so").path, copy,
        ])
        #expect(strip.succeeded, "\(strip.transcript)")
        let suppressions = CProgram.sources.appendingPathComponent("valgrind.supp").path
        let valgrind = [
            try CommandRunner.resolve("valgrind"), "--tool=memcheck", "--error-exitcode=99",
            "--leak-check=full", "--show-leak-kinds=definite,indirect,possible",
            "--errors-for-leak-kinds=definite,indirect,possible", "--suppressions=\(suppressions)",
            "--track-origins=yes", "--num-callers=30",
        ]
        let result = try await CProgram.run(
            built, arguments: arguments, wrappedIn: valgrind, environment: ["LD_LIBRARY_PATH": library.path])
        #expect(result.status == 0, "\(result.standardError)")
    }
}
