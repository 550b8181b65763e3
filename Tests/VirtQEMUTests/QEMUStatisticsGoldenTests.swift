import Foundation
import Testing
import VirtTestSupport

/// SwiftVirt's virsh on a real guest of qemu:/// prints the statistics Debian's virsh prints for the same
/// guest run by libvirt 9.0's QEMU driver (Fixtures/stats/virsh.out, recorded by
/// scripts/qemu-stats-goldens.sh: the same guest.xml.in and steps.txt, the same masks for what varies).
@Suite(.tags(.qemuBoot), .guestSlot)
struct QEMUStatisticsGoldenTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/stats").path

    @Test("memory, block and interface statistics and every bulk statistics group, as libvirt 9.0's QEMU driver gives them")
    func matchesLibvirt() async throws {
        let fixture = try await GuestFixture()
        defer { Task { await fixture.tearDown() } }
        let dir = fixture.root
        FileManager.default.createFile(atPath: "\(dir)/disk.img", contents: nil)
        let disk = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(dir)/disk.img"))
        try disk.truncate(atOffset: 8 << 20)
        try disk.close()
        let xml = try String(contentsOfFile: "\(Self.fixtures)/guest.xml.in", encoding: .utf8)
            .replacingOccurrences(of: "@KERNEL@", with: fixture.image.kernel)
            .replacingOccurrences(of: "@INITRD@", with: fixture.image.initrd)
            .replacingOccurrences(of: "@DIR@", with: dir)
        try xml.write(toFile: "\(dir)/guest.xml", atomically: true, encoding: .utf8)
        let defined = try await fixture.virsh("define", "\(dir)/guest.xml")
        try #require(defined.status == 0, "\(defined.error)")

        var result = ""
        let steps = try String(contentsOfFile: "\(Self.fixtures)/steps.txt", encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        for step in steps {
            if step == "ready" {
                try await fixture.wait("the guest's READY") {
                    ((try? String(contentsOfFile: "\(dir)/serial.log", encoding: .utf8)) ?? "").contains("SWIFTVIRT-GUEST-READY")
                }
                try await Task.sleep(for: .seconds(2))
                continue
            }
            let command = step == "start" ? "start st" : step.replacingOccurrences(of: "@DIR@", with: dir)
            let run = try await fixture.virsh(command)
            result += "$ \(step)\nexit: \(run.status)\n--- stdout ---\n\(Self.mask(run.output, dir))--- stderr ---\n\(Self.mask(run.error, dir))"
        }
        let expected = try String(contentsOfFile: "\(Self.fixtures)/virsh.out", encoding: .utf8)
        #expect(result == expected, "SwiftVirt's output:\n\(result)")
    }

    /// scripts/qemu-stats-goldens.sh's masks: the directory, and every number ending a line but the state, the
    /// balloon's size, the counts and the disks' sizes.
    static func mask(_ text: String, _ dir: String) -> String {
        text.replacingOccurrences(of: dir, with: "@DIR@").split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let kept = /(  state\.(state|reason)=|  balloon\.(current|maximum)=|actual |  (block|net)\.count=|  block\.[0-9]+\.(backingIndex|capacity|physical)=).*/
            if line.wholeMatch(of: kept) != nil { return String(line) }
            return String(line.replacing(/([ =])[0-9]+$/) { "\($0.output.1)N" })
        }.joined(separator: "\n")
    }
}
