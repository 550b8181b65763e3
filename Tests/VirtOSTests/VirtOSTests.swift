import Foundation
import Synchronization
import Testing
@testable import VirtOS

private func temporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("virtos-\(UUID())").path
    try Paths.makeDirectories(path)
    return path
}

@Suite struct FileTests {
    @Test("atomic writes replace the file whole and leave no temporary behind")
    func atomic() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/state.xml"
        try AtomicFile.write(path, "first")
        try AtomicFile.write(path, "second")
        #expect(String(decoding: try FileIO.read(path, limit: 100), as: UTF8.self) == "second")
        #expect(Paths.contents(of: dir) == ["state.xml"])
    }

    @Test("errors carry the operation, the path and errno")
    func errors() {
        #expect(throws: SystemCallError(.open, "/nonexistent/x", errno: ENOENT)) { try FileIO.read("/nonexistent/x", limit: 100) }
        #expect(throws: SystemCallError.self) { try AtomicFile.write("/nonexistent/dir/x", "a") }
    }

    @Test("bounded reads refuse what is not a regular file, or is longer than allowed, without reading it")
    func boundedReads() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/state"
        try AtomicFile.write(path, "12345")
        #expect(try FileIO.read(path, limit: 5) == Array("12345".utf8))
        #expect(throws: SystemCallError(.read, path, errno: EFBIG)) { try FileIO.read(path, limit: 4) }
        // Endless, or blocking until a writer comes: refused before the first read.
        #expect(throws: SystemCallError(.read, "/dev/zero", errno: EINVAL)) { try FileIO.read("/dev/zero", limit: 100) }
        let fifo = dir + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: SystemCallError(.read, fifo, errno: EINVAL)) { try FileIO.read(fifo, limit: 100) }
        let zero = dir + "/zero"
        #expect(symlink("/dev/zero", zero) == 0)
        #expect(throws: SystemCallError(.read, zero, errno: EINVAL)) { try FileIO.read(zero, limit: 100) }
    }

    @Test("a failed write removes only a file it created, never one that was there")
    func outputFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let existing = dir + "/users-file"
        try AtomicFile.write(existing, "precious")
        let reopened = try OutputFile.open(existing)
        #expect(!reopened.created)
        reopened.discard()
        #expect(FileManager.default.fileExists(atPath: existing))

        let fresh = dir + "/new"
        let created = try OutputFile.open(fresh)
        #expect(created.created)
        created.discard()
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }

    @Test("a file lock excludes a second holder until released")
    func locks() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/d.lock"
        let first = try #require(try FileLock.tryLock(path))
        #expect(FileLock.isHeld(path))
        #expect(try FileLock.tryLock(path) == nil)
        first.unlock()
        #expect(!FileLock.isHeld(path))
        #expect(try FileLock.tryLock(path) != nil)
    }

    @Test("a child forked without exec has no copy of a lock's descriptor, so the lock dies with its holder")
    func forkedChildrenDropLocks() throws {
        // Checked in a program of its own: forking this test process, busy with other tests' threads and
        // sockets, is not something to do lightly. FileLock marks its descriptors with the same call.
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cvirtos = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/CVirtOS").standardized.path
        try Self.forkCheck.write(toFile: dir + "/check.c", atomically: true, encoding: .utf8)
        func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, output)
        }
        let built = try run("/usr/bin/cc", ["-std=gnu11", "-Wall", "-Werror", "-o", dir + "/check", dir + "/check.c",
                                            cvirtos + "/fork_private.c", "-I", cvirtos + "/include", "-pthread"])
        try #require(built.status == 0, "\(built.output)")
        let checked = try run(dir + "/check", [dir + "/forked.lock"])
        #expect(checked.status == 0, "\(checked.output)")
    }

    static let forkCheck = """
        #define _GNU_SOURCE
        #include "cvirtos.h"
        #include <errno.h>
        #include <fcntl.h>
        #include <stdio.h>
        #include <sys/file.h>
        #include <sys/wait.h>
        #include <unistd.h>

        /* 0 if a child forked (no exec) has `fd` open as `expected` says. */
        static int child_has(int fd, int expected) {
            pid_t child = fork();
            if (child == 0) _exit((fcntl(fd, F_GETFD) != -1) == expected ? 0 : 1);
            int status = 0;
            return waitpid(child, &status, 0) == child && WIFEXITED(status) ? WEXITSTATUS(status) : 2;
        }

        int main(int argc, char **argv) {
            int fd = open(argv[1], O_RDWR | O_CREAT | O_CLOEXEC, 0600);
            if (argc < 2 || fd < 0 || flock(fd, LOCK_EX) != 0) { perror("lock"); return 2; }
            if (cvirtos_fork_private_add(fd) != 0) { fprintf(stderr, "cannot mark %d\\n", fd); return 2; }
            if (child_has(fd, 0) != 0) { fprintf(stderr, "a forked child still had the lock's descriptor\\n"); return 1; }
            if (fcntl(fd, F_GETFD) == -1) { fprintf(stderr, "the holder lost its own descriptor\\n"); return 1; }
            cvirtos_fork_private_remove(fd);
            if (child_has(fd, 1) != 0) { fprintf(stderr, "an unmarked descriptor was closed in the child\\n"); return 1; }
            return 0;
        }
        """

    @Test("a lock whose file its holder removes still excludes: waiters start over on the new file")
    func removedLocks() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/gone.lock"
        try #require(try FileLock.tryLock(path)).unlockRemovingFile()
        #expect(!FileManager.default.fileExists(atPath: path))

        // Four threads take the lock in turn, each removing the file as it lets go; never two at once.
        let inside = Atomic<Int>(0)
        let overlaps = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<400 {
                var lock: FileLock?
                while lock == nil { lock = try? FileLock.tryLock(path) }
                if inside.add(1, ordering: .sequentiallyConsistent).newValue != 1 { overlaps.add(1, ordering: .relaxed) }
                usleep(20)   // held long enough for a waiter that opened the old file to get to it
                inside.subtract(1, ordering: .sequentiallyConsistent)
                lock?.unlockRemovingFile()
            }
        }
        #expect(overlaps.load(ordering: .relaxed) == 0)
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

@Suite struct ProcessTests {
    @Test("/proc stat lines parse even with odd command names")
    func statParse() throws {
        let line = "1234 (qemu (x) y) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 150 0 0 20 0 3 0 98765 1000 200 "
            + "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 5 0 0 0 0 0"
        let stat = try #require(ProcStat.parse(line))
        #expect(stat.state == "S")
        #expect(stat.startTime == 98765)
        #expect(stat.lastCPU == 5)
        let ticks = UInt64(sysconf(Int32(_SC_CLK_TCK)))
        #expect(stat.cpuTimeNanoseconds == 400 * (1_000_000_000 / ticks))
        #expect(ProcStat.parse("garbage") == nil)
    }

    @Test("spawned programs run in their own session, log, and are reaped")
    func spawn() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = dir + "/out.log"
        let pid = try ProcessLauncher.spawn("/bin/sh", ["-c", "echo hello; echo oops >&2; exit 3"],
                                            options: .init(logPath: log))
        #expect(await ProcessLauncher.waitForExit(pid, timeout: .seconds(10)) == .exited(3))
        #expect(String(decoding: try FileIO.read(log, limit: 100), as: UTF8.self) == "hello\noops\n")

        let sleeper = try ProcessLauncher.spawn("sleep", ["30"])
        let stat = try #require(ProcStat.read(pid: sleeper))
        #expect(ProcessControl.isAlive(sleeper, startTime: stat.startTime))
        #expect(!ProcessControl.isAlive(sleeper, startTime: stat.startTime + 1))
        #expect(getsid(sleeper) == sleeper)
        try ProcessControl.signal(sleeper, SIGKILL)
        #expect(await ProcessLauncher.waitForExit(sleeper, timeout: .seconds(10)) == .signalled(SIGKILL))
        #expect(!ProcessControl.isAlive(sleeper))
        #expect(throws: SystemCallError.self) { try ProcessLauncher.spawn("/nonexistent/binary", []) }
    }

    @Test("thread affinity can be set and read back")
    func affinity() throws {
        let tid = ProcessControl.currentThreadID()
        let original = try Affinity.get(thread: tid, length: 128)
        defer { try? Affinity.set(thread: tid, map: original) }
        try Affinity.set(thread: tid, map: [0x01])
        #expect(try Affinity.get(thread: tid, length: 1) == [0x01])
        #expect(ProcessControl.threads(of: getpid()).contains(tid))
    }
}

@Suite struct HostInfoTests {
    @Test("reads this host as libvirt does")
    func thisHost() {
        let info = HostInfo.read()
        #expect(info.model == "x86_64")
        #expect(info.cpus >= 1)
        #expect(info.memoryKiB > 0)
        #expect(info.nodes * info.sockets * info.cores * info.threads >= info.cpus)
    }

    @Test("parses sysfs lists and meminfo")
    func parsing() {
        #expect(HostInfo.cpuList("0-3,8") == [0, 1, 2, 3, 8])
        #expect(HostInfo.cpuList("") == [])
        #expect(HostInfo.meminfoKiB("Node 0 MemTotal:        5466316 kB\nNode 0 MemFree: 1 kB", key: "MemTotal:") == 5_466_316)
        #expect(HostInfo.cpuMHz("processor : 0\ncpu MHz\t\t: 2596.130\n") == 2596)
    }
}
