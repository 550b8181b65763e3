import Testing

/// The C API under stress: many threads, hostile pointers, and memcheck.
@Suite struct RobustnessTests {
    /// 8 threads, each with its own connection and one shared by all, checking every answer.
    @Test func eightThreadsGetRightAnswers() throws {
        let result = try CProgram.run(try CProgram.build("threads.c", against: .swiftVirt), arguments: ["200"])
        #expect(result.succeeded, "\(result.transcript)")
        #expect(result.standardOutput.hasSuffix(", 0 wrong\n"), "\(result.transcript)")
    }

    /// Freed, closed, forged and mistyped handles are reported, never dereferenced.
    @Test func staleAndForgedHandlesAreReported() throws {
        let result = try CProgram.run(try CProgram.build("handles.c", against: .swiftVirt))
        #expect(result.succeeded, "\(result.transcript)")
        #expect(result.standardOutput.hasSuffix("all handles checked\n"), "\(result.transcript)")
    }

    /// The whole seed program and the threaded one under valgrind memcheck: no invalid access, no use of
    /// uninitialised memory, no leak. Suppressions (Tests/CAPI/valgrind.supp) cover only the Swift
    /// runtime's one-time allocations.
    @Test(arguments: [("seed_api.c", [String]()), ("threads.c", ["20"])])
    func memcheckFindsNothing(program: String, arguments: [String]) throws {
        let built = try CProgram.build(program, against: .swiftVirt)
        let suppressions = CProgram.sources.appendingPathComponent("valgrind.supp").path
        let valgrind = [
            try CommandRunner.resolve("valgrind"), "--tool=memcheck", "--error-exitcode=99",
            "--leak-check=full", "--show-leak-kinds=definite,indirect,possible",
            "--errors-for-leak-kinds=definite,indirect,possible", "--suppressions=\(suppressions)",
            "--track-origins=yes", "--num-callers=30",
        ]
        let result = try CProgram.run(built, arguments: arguments, wrappedIn: valgrind)
        #expect(result.status == 0, "\(result.standardError)")
    }
}
