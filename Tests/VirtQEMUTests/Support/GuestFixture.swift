import Foundation
import Testing
import Virt
import VirtTestSupport

extension Tag {
    /// Boots the real tiny guest under QEMU TCG: seconds per test, needs qemu-system-x86_64.
    @Tag static var qemuBoot: Self
}

/// A private qemu:///embed root, the guest image, and the guest's console, cleaned up at the end
/// (any QEMU still running is destroyed).
final class GuestFixture: Sendable {
    let root: String
    let uri: String
    let image: TestGuestImage

    init() async throws {
        image = try await TestGuestImage.shared()
        // Short: the monitor socket path inside must fit a unix socket's 107 bytes.
        root = "/tmp/svq-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        uri = "qemu:///embed?root=\(root)"
    }

    func consolePath(_ name: String) -> String { "\(root)/\(name).console" }

    func xml(_ name: String, vcpus: Int = 1, maxVcpus: Int = 2, extras: String = "") -> String {
        image.domainXML(name: name, consolePath: consolePath(name), vcpus: vcpus, maxVcpus: maxVcpus, persistentExtras: extras)
    }

    /// The guest with its serial port and console on a pty instead of the console file.
    func ptyXML(_ name: String) -> String {
        xml(name).replacingOccurrences(of: "<serial type='file'><source path='\(consolePath(name))'/></serial>",
                                       with: "<serial type='pty'/><console type='pty'/>")
    }

    /// The guest's serial console so far, with its CR LF line ends made plain LF (Swift treats "\r\n" as one
    /// character, so splitting on "\n" would not see them).
    func console(_ name: String) -> String {
        ((try? String(contentsOfFile: consolePath(name), encoding: .utf8)) ?? "").replacingOccurrences(of: "\r", with: "")
    }

    func count(_ marker: String, in name: String) -> Int {
        console(name).components(separatedBy: marker).count - 1
    }

    /// The last tick the guest printed, or -1.
    func lastTick(_ name: String) -> Int {
        console(name).split(separator: "\n").last(where: { $0.hasPrefix("SWIFTVIRT-TICK ") })
            .flatMap { Int($0.dropFirst("SWIFTVIRT-TICK ".count).prefix(while: \.isNumber)) } ?? -1
    }

    /// Waits (TCG is slow, and the machine may be busy: generous timeouts) until `condition` holds.
    func wait(_ what: String, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting for \(what); console so far:\n\(console(what))")
        throw CancellationError()
    }

    func waitForConsole(_ name: String, _ marker: String, count: Int = 1, timeout: Duration = .seconds(60)) async throws {
        try await wait(name, timeout: timeout) { self.count(marker, in: name) >= count }
    }

    /// The pid recorded for a running domain.
    func pid(_ name: String) -> Int32? {
        (try? String(contentsOfFile: "\(root)/run/qemu/\(name).pid", encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The per-domain lock files (and console session locks) in the run directory.
    func lockFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "\(root)/run/qemu")) ?? [])
            .filter { $0.hasSuffix(".lock") && $0 != "driver.lock" && $0 != "watcher.lock" }.sorted()
    }

    /// Cpus_allowed_list of one thread of a process, from /proc.
    static func allowedCPUs(pid: Int32, thread: Int32) -> String? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/task/\(thread)/status", encoding: .utf8) else { return nil }
        return status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }
            .map { $0.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces) }
    }

    /// Destroys whatever still runs, stops the root's watcher and removes the root.
    func tearDown() async {
        if let conn = try? await Connection.open(uri) {
            for domain in (try? await conn.domains([.active])) ?? [] { try? await domain.destroy() }
            conn.close()
        }
        _ = try? await ProcessRunner.run("/usr/bin/pkill", ["-KILL", "-f", Self.watcherPattern(root)])
        // Whatever a failed destroy left (a guest caught mid-restart) must not outlive the test.
        let run = "\(root)/run/qemu"
        for file in (try? FileManager.default.contentsOfDirectory(atPath: run)) ?? [] where file.hasSuffix(".pid") {
            if let pid = pid(String(file.dropLast(4))) { kill(pid, SIGKILL) }
        }
        try? FileManager.default.removeItem(atPath: root)
    }

    /// `pkill -f`/`pgrep -f` pattern for the watcher of a root's URI.
    static func watcherPattern(_ root: String) -> String { "swiftvirt-watch qemu:///embed.root=\(root)$" }

    /// The pids of the watchers of this fixture's root.
    func watcherPIDs() async throws -> [Int32] {
        try await ProcessRunner.run("/usr/bin/pgrep", ["-f", Self.watcherPattern(root)]).output
            .split(separator: "\n").compactMap { Int32($0) }
    }

    /// The virsh SwiftPM built beside this test binary (`swift test` builds every product).
    static let virsh = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("virsh").path

    /// Runs our virsh (a separate process) against this fixture's URI.
    func virsh(_ arguments: String...) async throws -> ProcessRunner.Result {
        try await ProcessRunner.run(Self.virsh, ["-c", uri] + arguments)
    }
}
