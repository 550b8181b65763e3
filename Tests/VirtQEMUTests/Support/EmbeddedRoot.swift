import Foundation
import Virt

/// A private qemu:///embed root for tests that only touch the state directories (no guest boots).
final class EmbeddedRoot: Sendable {
    let root = "/tmp/sve-\(UUID().uuidString.prefix(8))"
    var uri: String { "qemu:///embed?root=\(root)" }
    var config: String { root + "/etc/qemu" }
    var run: String { root + "/run/qemu" }

    init() throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func open() async throws -> Connection { try await Connection.open(uri) }

    /// A definition that never needs to boot: defined, listed, undefined.
    static func xml(_ name: String, vcpus: Int = 2, uuid: String? = nil) -> String {
        "<domain type='qemu'><name>\(name)</name>\(uuid.map { "<uuid>\($0)</uuid>" } ?? "")<memory>65536</memory>"
            + "<vcpu>\(vcpus)</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>"
    }

    func files(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }
}
