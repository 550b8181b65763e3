import Foundation
import Testing
import Virt
import VirtTestSupport

/// Several hosts on one machine (network namespaces on a private bridge, each with its own virtd on TLS with
/// its own certificate from a test CA:
/// scripts/test-hosts.sh), managed from one client: the seed scenario on every host at once from one Swift
/// program, and one virsh script visiting them all, with Debian's virsh and SwiftVirt's printing the same.
@Suite("many hosts from one client", .serialized)
struct ManyHostsTests {
    static let script = RunningDaemon.packageRoot.appendingPathComponent("scripts/test-hosts.sh").path

    static func withHosts(_ count: Int, _ body: ([String], String) async throws -> Void) async throws {
        let directory = NSTemporaryDirectory() + "svhosts-\(UUID().uuidString.prefix(8))"
        var environment = ProcessInfo.processInfo.environment
        environment["VIRTD"] = RunningDaemon.executable
        let up = try await ProcessRunner.run(script, ["up", "\(count)", directory], environment: environment)
        do {
            #expect(up.status == 0, "\(up.output)\(up.error)")
            let uris = up.output.split(separator: "\n").map(String.init)
            try #require(uris.count == count)
            try await body(uris, directory)
        } catch {
            _ = try? await ProcessRunner.run(script, ["down", directory])
            throw error
        }
        let down = try await ProcessRunner.run(script, ["down", directory])
        #expect(down.status == 0, "\(down.error)")
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test("the seed scenario on three hosts at once, each host keeping its own state")
    func seedOnEveryHost() async throws {
        try await Self.withHosts(3) { uris, directory in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, uri) in uris.enumerated() {
                    group.addTask { try await Self.seedScenario(uri: uri, name: "guest\(index + 1)", directory: "\(directory)/host\(index + 1)") }
                }
                try await group.waitForAll()
            }
        }
    }

    static func seedScenario(uri: String, name: String, directory: String) async throws {
        let conn = try await Connection.open(uri)
        defer { conn.close() }
        #expect(try conn.hypervisorType() == "TEST")
        let xml = try String(contentsOfFile: RunningDaemon.packageRoot.appendingPathComponent("Tests/VirshTests/Fixtures/xml/guest.xml").path,
                             encoding: .utf8).replacingOccurrences(of: "<name>guest</name>", with: "<name>\(name)</name>")
            .replacingOccurrences(of: #"<uuid>[^<]*</uuid>"#, with: "", options: .regularExpression)
        let dom = try await conn.defineDomain(xml: xml, flags: [])
        try await dom.start()
        #expect(try await dom.info().state == .running)
        try await dom.suspend()
        #expect(try await dom.state().state == .paused)
        try await dom.resume()
        try await dom.setMemory(65536)
        #expect(try await dom.info().memoryKiB == 65536)
        let image = "\(directory)/\(name).save"
        try await dom.save(to: image)
        #expect(try await dom.state() == DomainStateInfo.shutoff(.saved))
        try await conn.restoreDomain(from: image)
        #expect(try await conn.lookupDomain(name: name).isActive())
        // Each host has its own domains: this one and the host's own "test", no other host's guest.
        #expect(try await conn.domains().map(\.name).sorted() == [name, "test"])
        try await conn.lookupDomain(name: name).destroy()
        try await dom.undefine()
        await #expect(throws: VirtError.self) { try await conn.lookupDomain(name: name) }
    }

    @Test("one virsh script visits every host: SwiftVirt's virsh prints what Debian's virsh prints")
    func oneVirshScript() async throws {
        try await Self.withHosts(3) { uris, _ in
            let commands = uris.map { "connect \($0); uri; list --all; suspend test; domstate test; resume test" }
                .joined(separator: "; ")
            let swiftVirsh = URL(fileURLWithPath: RunningDaemon.executable).deletingLastPathComponent().appendingPathComponent("virsh").path
            let debian = try await ProcessRunner.run("/usr/bin/virsh", [commands])
            let ours = try await ProcessRunner.run(swiftVirsh, [commands])
            #expect(debian.status == 0, "\(debian.error)")
            #expect(debian.output.contains("test+tls://10.251.0.3/default"))
            #expect(ours.output == debian.output)
            #expect(ours.error == debian.error)
            #expect(ours.status == debian.status)
        }
    }
}
