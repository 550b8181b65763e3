import Foundation
import Testing
import Virt
import VirtDriverState
@testable import VirtQEMU

/// qemu:/// state directories under hostile input and damage, without booting a guest.
@Suite struct StateDirectoryTests {
    @Test("a maximum vCPU count no definition may hold is refused, and the definition still reads")
    func vcpuMaximumIsBounded() async throws {
        let root = try EmbeddedRoot()
        let conn = try await root.open()
        defer { conn.close() }
        let dom = try await conn.defineDomain(xml: EmbeddedRoot.xml("a"))
        let error = await #expect(throws: VirtError.self) { try await dom.setVcpus(UInt32.max, flags: [.config, .maximum]) }
        #expect(error?.code == .configUnsupported)
        #expect(try await dom.vcpuCount(flags: [.config, .maximum]) == 2)
        #expect(try await conn.domains().map(\.name) == ["a"])
    }

    @Test("undefine forgets why the domain last stopped: a new domain of that name has no past")
    func undefineForgetsTheStopReason() async throws {
        let root = try EmbeddedRoot()
        let conn = try await root.open()
        defer { conn.close() }
        let old = try await conn.defineDomain(xml: EmbeddedRoot.xml("a"))
        // What a destroy of the running domain leaves (no guest boots in this test).
        try "\(ShutoffReason.destroyed.rawValue)\n".write(toFile: root.run + "/stopped/a", atomically: true, encoding: .utf8)
        #expect(try await old.state() == DomainStateInfo.shutoff(.destroyed))
        try await old.undefine()
        #expect(!root.files(in: root.run + "/stopped").contains("a"))
        let new = try await conn.defineDomain(xml: EmbeddedRoot.xml("a"))
        #expect(try await new.state() == DomainStateInfo.shutoff(.unknown))
    }

    @Test("a create refused because the name belongs to another UUID leaves no lock file")
    func refusedCreateLeavesNoLock() async throws {
        let root = try EmbeddedRoot()
        let conn = try await root.open()
        defer { conn.close() }
        let defined = try await conn.defineDomain(xml: EmbeddedRoot.xml("a", uuid: "11111111-2222-3333-4444-555555555555"))
        let before = root.files(in: root.run)
        let other = "99999999-8888-7777-6666-555555555555"
        let error = await #expect(throws: VirtError.self) {
            try await conn.createDomain(xml: EmbeddedRoot.xml("a", uuid: other))
        }
        #expect(error?.message == "operation failed: domain 'a' already exists with uuid 11111111-2222-3333-4444-555555555555")
        #expect(!root.files(in: root.run).contains("\(other).lock"))
        #expect(root.files(in: root.run) == before)
        // The defined domain's own lock still works and stays with it.
        try await defined.setVcpus(1, flags: .config)
        #expect(root.files(in: root.run).contains("11111111-2222-3333-4444-555555555555.lock"))
    }

    @Test("a corrupt or used-up id counter hands out positive ids and never traps")
    func idCounterRecovers() throws {
        let root = try EmbeddedRoot()
        let store = QEMUStateStore(paths: .embedded(root: root.root), defaults: .qemu)
        try store.paths.createDirectories(errorDomain: .qemu)
        for (recorded, expected) in [("-5", Int32(1)), ("garbage", 1), ("\(Int32.max)", 1), ("0", 1), ("7\n", 7)] {
            try recorded.write(toFile: store.paths.idCounter, atomically: true, encoding: .utf8)
            #expect(try store.allocateID() == expected, "counter '\(recorded)'")
            #expect(try store.allocateID() == expected + 1)
        }
    }

    @Test("an unparsable definition, a FIFO or a link to /dev/zero in the config directory is skipped with a warning",
          .timeLimit(.minutes(1)))
    func badConfigFilesAreSkipped() async throws {
        let root = try EmbeddedRoot()
        let conn = try await root.open()
        defer { conn.close() }
        _ = try await conn.defineDomain(xml: EmbeddedRoot.xml("a"))
        try "<domain".write(toFile: root.config + "/broken.xml", atomically: true, encoding: .utf8)
        #expect(mkfifo(root.config + "/fifo.xml", 0o600) == 0)
        #expect(symlink("/dev/zero", root.config + "/zero.xml") == 0)

        #expect(try await conn.domains().map(\.name) == ["a"])
        #expect(try await conn.definedDomainNames() == ["a"])
        _ = try await conn.defineDomain(xml: EmbeddedRoot.xml("b"))
        #expect(try await conn.domains().map(\.name).sorted() == ["a", "b"])
        let error = await #expect(throws: VirtError.self) { try await conn.lookupDomain(name: "broken") }
        #expect(error?.code == .noDomain)
        let warnings = Warnings.shared.recent
        #expect(warnings.contains { $0.hasPrefix("Failed to load config for domain 'broken': ") })
        #expect(warnings.contains { $0 == "Failed to load config for domain 'zero': internal error: cannot read '\(root.config)/zero.xml': not a regular file" })
    }

    @Test("every name libvirt accepts is stored: a leading '.' or '%', 251 bytes")
    func namesBecomeFileNames() async throws {
        let root = try EmbeddedRoot()
        let conn = try await root.open()
        defer { conn.close() }
        let names = [".hidden", "%2Eclash", "%", "..", String(repeating: "n", count: 251), "é" + String(repeating: "n", count: 249)]
        for name in names { _ = try await conn.defineDomain(xml: EmbeddedRoot.xml(name)) }
        #expect(try await conn.definedDomainNames().sorted() == names.sorted())
        // No file of one is taken for another's, and none is hidden.
        #expect(root.files(in: root.config).allSatisfy { !$0.hasPrefix(".") })
        for name in names {
            let dom = try await conn.lookupDomain(name: name)
            #expect(dom.name == name)
            try await dom.undefine()
        }
        #expect(root.files(in: root.config).isEmpty)

        let long = String(repeating: "n", count: 252)
        let error = await #expect(throws: VirtError.self) { try await conn.defineDomain(xml: EmbeddedRoot.xml(long)) }
        #expect(error?.code == .xmlError)
        #expect(error?.message.hasSuffix("its file name would need 252 bytes beside '.xml', at most 251 fit in 255") == true)
    }

    @Test("a state directory of the layout used before December 2026 is moved on open, nothing forgotten")
    func flatLayoutIsMoved() async throws {
        let root = try EmbeddedRoot()
        try FileManager.default.createDirectory(atPath: root.run, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root.config, withIntermediateDirectories: true)
        try EmbeddedRoot.xml("a", uuid: "0b6e3b70-3f3c-4c3e-9d2e-5d0b1f6a7c11")
            .write(toFile: root.config + "/a.xml", atomically: true, encoding: .utf8)
        try "\(ShutoffReason.crashed.rawValue)\n".write(toFile: root.run + "/a.stopped", atomically: true, encoding: .utf8)
        let conn = try await root.open()
        defer { conn.close() }
        #expect(try await conn.lookupDomain(name: "a").state() == DomainStateInfo.shutoff(.crashed))
        #expect(root.files(in: root.run + "/stopped") == ["a"])
        #expect(!root.files(in: root.run).contains("a.stopped"))
    }
}
